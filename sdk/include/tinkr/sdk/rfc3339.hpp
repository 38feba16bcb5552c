// RFC 3339 times, the one parser and formatter shared by the core (the query language's --from/--to),
// the hosts (printing records) and plugins (Log Analytics' datetime cells, KQL literals, Metrics REST
// timespans). Unix nanoseconds throughout; the proleptic Gregorian calendar, so any year 1678 to 2261
// that fits in nanoseconds works without the C library's time zone or locale.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>

namespace tinkr::sdk::rfc3339 {

/// Why a text is not a time, or none.
enum class Problem { none, shape, month, day, clock, fraction, zone, trailing, range };

/// What each problem means, for an error message that goes on "invalid time '...': ".
constexpr std::string_view describe(Problem problem) noexcept {
  switch (problem) {
    case Problem::none:
      return "";
    case Problem::shape:
      return "expected RFC 3339 (2026-11-25T10:00:00Z, 2026-11-25T10:00:00.5+01:00, 2026-11-25)";
    case Problem::month:
      return "month must be 01 to 12";
    case Problem::day:
      return "no such day in that month";
    case Problem::clock:
      return "hour, minute or second out of range";
    case Problem::fraction:
      return "expected digits after '.'";
    case Problem::zone:
      return "expected a zone: Z or an offset such as +01:00";
    case Problem::trailing:
      return "unexpected text after the zone";
    case Problem::range:
      return "out of the representable range (years 1678 to 2261)";
  }
  return "";
}

struct Parsed {
  int64_t unix_ns = 0;
  Problem problem = Problem::none;
  explicit operator bool() const noexcept { return problem == Problem::none; }
};

namespace detail {

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
constexpr int64_t days_from_civil(int64_t y, int64_t m, int64_t d) noexcept {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/// "00" to "99", two characters each.
inline constexpr std::array<char, 200> kDigitPairs = [] {
  std::array<char, 200> pairs{};
  for (std::size_t n = 0; n < 100; ++n) {
    pairs[2 * n] = static_cast<char>('0' + n / 10);
    pairs[2 * n + 1] = static_cast<char>('0' + n % 10);
  }
  return pairs;
}();

/// The date of a day count since 1970-01-01 (Howard Hinnant's civil_from_days). Within an era all is
/// small and not negative, so it is done in unsigned 32 bits, where dividing by a constant is a
/// multiply and a shift without the sign's corrections (a record's time is printed for every record).
constexpr void civil_from_days(int64_t days, int64_t& y, int& m, int& d) noexcept {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto doe = static_cast<uint32_t>(days - era * 146097);                 // [0, 146096]
  const uint32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const uint32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
  const uint32_t mp = (5 * doy + 2) / 153;                                     // [0, 11]
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int64_t>(yoe) + era * 400 + (m <= 2);
}

constexpr int days_in_month(int64_t year, int64_t month) noexcept {
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

/// Reads exactly `count` digits at `pos`, advancing it; false when they are not there.
constexpr bool read_digits(std::string_view text, std::size_t& pos, int count, int64_t& out) noexcept {
  if (pos + static_cast<std::size_t>(count) > text.size()) return false;
  out = 0;
  for (int i = 0; i < count; ++i) {
    const char c = text[pos + static_cast<std::size_t>(i)];
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  pos += static_cast<std::size_t>(count);
  return true;
}

constexpr bool expect(std::string_view text, std::size_t& pos, char c) noexcept {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

}  // namespace detail

/// "2026-11-25T10:00:00.5+01:00" to Unix nanoseconds. Also takes a lowercase 't' or a space for the
/// 'T', a lowercase 'z', any number of fraction digits (past nanoseconds they add nothing) and, when
/// `date_only` allows it, a bare date (midnight UTC). A leap second (:60) is the last nanosecond of
/// :59, since Unix time has none.
constexpr Parsed parse(std::string_view text, bool date_only = true) noexcept {
  using namespace detail;
  std::size_t pos = 0;
  int64_t year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, fraction_ns = 0, offset_s = 0;
  if (!read_digits(text, pos, 4, year) || !expect(text, pos, '-') || !read_digits(text, pos, 2, month) ||
      !expect(text, pos, '-') || !read_digits(text, pos, 2, day))
    return {0, Problem::shape};
  if (month < 1 || month > 12) return {0, Problem::month};
  if (day < 1 || day > days_in_month(year, month)) return {0, Problem::day};
  if (pos < text.size()) {
    const char separator = text[pos++];
    if (separator != 'T' && separator != 't' && separator != ' ') return {0, Problem::shape};
    if (!read_digits(text, pos, 2, hour) || !expect(text, pos, ':') || !read_digits(text, pos, 2, minute) ||
        !expect(text, pos, ':') || !read_digits(text, pos, 2, second))
      return {0, Problem::shape};
    if (hour > 23 || minute > 59 || second > 60) return {0, Problem::clock};
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      int64_t scale = 100'000'000;
      const std::size_t first = pos;
      for (; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos, scale /= 10)
        fraction_ns += (text[pos] - '0') * scale;
      if (pos == first) return {0, Problem::fraction};
    }
    if (pos >= text.size()) return {0, Problem::zone};
    const char zone = text[pos++];
    if (zone == '+' || zone == '-') {
      int64_t offset_hours = 0, offset_minutes = 0;
      if (!read_digits(text, pos, 2, offset_hours) || !expect(text, pos, ':') ||
          !read_digits(text, pos, 2, offset_minutes) || offset_hours > 23 || offset_minutes > 59)
        return {0, Problem::zone};
      offset_s = (offset_hours * 3600 + offset_minutes * 60) * (zone == '+' ? 1 : -1);
    } else if (zone != 'Z' && zone != 'z') {
      return {0, Problem::zone};
    }
    if (pos != text.size()) return {0, Problem::trailing};
  } else if (!date_only) {
    return {0, Problem::shape};
  }
  constexpr int64_t kSecond = 1'000'000'000;
  const bool leap_second = second == 60;
  const int64_t seconds = days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 +
                          (leap_second ? 59 : second) - offset_s;
  if (seconds > std::numeric_limits<int64_t>::max() / kSecond - 1 ||
      seconds < std::numeric_limits<int64_t>::min() / kSecond + 1)
    return {0, Problem::range};
  return {seconds * kSecond + (leap_second ? kSecond - 1 : fraction_ns), Problem::none};
}

/// How many fraction digits a formatted time carries.
enum class Digits {
  none,          // 2026-11-25T10:00:00Z
  milliseconds,  // 2026-11-25T10:00:00.500Z, always three
  ticks,         // 2026-11-25T10:00:00.5000000Z, seven (Kusto's 100 ns ticks), none when zero
  nanoseconds,   // 2026-11-25T10:00:00.500000000Z, nine, none when zero
};

/// The most bytes write() writes: "2262-04-11T23:47:16.854775807Z".
inline constexpr std::size_t kMaxTextSize = 30;

/// Writes a time in UTC ('Z') at out, at most kMaxTextSize bytes, and returns where it ends; times
/// before 1970 work too (the fraction counts forward from the whole second before).
inline char* write(char* out, int64_t unix_ns, Digits digits) {
  constexpr int64_t kSecond = 1'000'000'000;
  int64_t seconds = unix_ns / kSecond;
  int64_t fraction = unix_ns % kSecond;
  if (fraction < 0) {
    fraction += kSecond;
    --seconds;
  }
  int64_t days = seconds / 86400;
  int64_t second_of_day = seconds % 86400;
  if (second_of_day < 0) {
    second_of_day += 86400;
    --days;
  }
  int64_t year = 0;
  int month = 0, day = 0;
  detail::civil_from_days(days, year, month, day);
  // Written two digits at a time from a table, in unsigned 32 bits (every value here is small and
  // not negative): printing record times was a measurable share of a big answer's output through
  // snprintf, and of a server reply digit by digit (issue 15). Unix nanoseconds in an int64 span the
  // years 1677 to 2262: always four digits.
  char* end = out;
  auto put = [&end](auto whole, int width) {
    auto value = static_cast<uint32_t>(whole);
    char* digit = end + width;
    for (int left = width; left >= 2; left -= 2, value /= 100) {
      digit -= 2;
      std::memcpy(digit, &detail::kDigitPairs[value % 100 * 2], 2);
    }
    if (width % 2 == 1) *--digit = static_cast<char>('0' + value % 10);
    end += width;
  };
  const auto clock = static_cast<uint32_t>(second_of_day);
  const auto nanos = static_cast<uint32_t>(fraction);
  put(year, 4);
  *end++ = '-';
  put(month, 2);
  *end++ = '-';
  put(day, 2);
  *end++ = 'T';
  put(clock / 3600, 2);
  *end++ = ':';
  put(clock / 60 % 60, 2);
  *end++ = ':';
  put(clock % 60, 2);
  switch (digits) {
    case Digits::none:
      break;
    case Digits::milliseconds:
      *end++ = '.';
      put(nanos / 1'000'000, 3);
      break;
    case Digits::ticks:
      if (nanos / 100 != 0) {
        *end++ = '.';
        put(nanos / 100, 7);
      }
      break;
    case Digits::nanoseconds:
      if (nanos != 0) {
        *end++ = '.';
        put(nanos, 9);
      }
      break;
  }
  *end++ = 'Z';
  return end;
}

/// Appends write()'s text to out.
inline void append(std::string& out, int64_t unix_ns, Digits digits) {
  char text[kMaxTextSize];
  out.append(text, static_cast<std::size_t>(write(text, unix_ns, digits) - text));
}

inline std::string format(int64_t unix_ns, Digits digits) {
  std::string out;
  append(out, unix_ns, digits);
  return out;
}

}  // namespace tinkr::sdk::rfc3339
