// Points in time (RFC 3339 or relative to now) and the time ranges hosts build from --since/--from/--to.
// "now" always comes in as an argument, so the same text gives the same answer in a test.
#include "tinkr/query.hpp"

#include <ctime>
#include <limits>

namespace tinkr::query {
namespace {

constexpr int64_t kSecond = 1'000'000'000;
constexpr int64_t kHour = 3600 * kSecond;

Unexpected invalid_time(std::string_view text, std::string_view why) {
  return fail(Error::Code::invalid_query, "invalid time '" + std::string(text) + "': " + std::string(why));
}

constexpr std::string_view kExpectedTime =
    "expected RFC 3339 (2026-11-25T10:00:00Z, 2026-11-25T10:00:00.5+01:00, 2026-11-25) or now, now-1h";

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
int64_t days_from_civil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int days_in_month(int64_t year, int64_t month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

/// Reads exactly `count` digits at `pos`, advancing it; false when they are not there.
bool read_digits(std::string_view text, std::size_t& pos, int count, int64_t& out) {
  if (pos + count > text.size()) return false;
  out = 0;
  for (int i = 0; i < count; ++i) {
    const char c = text[pos + i];
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  pos += count;
  return true;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

Expected<int64_t> parse_rfc3339(std::string_view text) {
  std::size_t pos = 0;
  int64_t year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, fraction_ns = 0, offset_s = 0;
  if (!read_digits(text, pos, 4, year) || !expect(text, pos, '-') || !read_digits(text, pos, 2, month) ||
      !expect(text, pos, '-') || !read_digits(text, pos, 2, day))
    return invalid_time(text, kExpectedTime);
  if (month < 1 || month > 12) return invalid_time(text, "month must be 01 to 12");
  if (day < 1 || day > days_in_month(year, month)) return invalid_time(text, "no such day in that month");
  if (pos < text.size()) {
    const char separator = text[pos++];
    if (separator != 'T' && separator != 't' && separator != ' ') return invalid_time(text, kExpectedTime);
    if (!read_digits(text, pos, 2, hour) || !expect(text, pos, ':') || !read_digits(text, pos, 2, minute) ||
        !expect(text, pos, ':') || !read_digits(text, pos, 2, second))
      return invalid_time(text, kExpectedTime);
    // RFC 3339 allows a leap second (:60); Unix time has none, so it is the last nanosecond of :59.
    if (hour > 23 || minute > 59 || second > 60)
      return invalid_time(text, "hour, minute or second out of range");
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      int64_t scale = 100'000'000;
      const std::size_t first = pos;
      for (; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos, scale /= 10)
        fraction_ns += (text[pos] - '0') * scale;  // digits past nanoseconds add 0
      if (pos == first) return invalid_time(text, "expected digits after '.'");
    }
    if (pos >= text.size()) return invalid_time(text, "expected a zone: Z or an offset such as +01:00");
    const char zone = text[pos++];
    if (zone == '+' || zone == '-') {
      int64_t offset_hours = 0, offset_minutes = 0;
      if (!read_digits(text, pos, 2, offset_hours) || !expect(text, pos, ':') ||
          !read_digits(text, pos, 2, offset_minutes) || offset_hours > 23 || offset_minutes > 59)
        return invalid_time(text, "expected an offset such as +01:00");
      offset_s = (offset_hours * 3600 + offset_minutes * 60) * (zone == '+' ? 1 : -1);
    } else if (zone != 'Z' && zone != 'z') {
      return invalid_time(text, "expected a zone: Z or an offset such as +01:00");
    }
    if (pos != text.size()) return invalid_time(text, "unexpected text after the zone");
  }
  const bool leap_second = second == 60;
  const int64_t seconds = days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 +
                          (leap_second ? 59 : second) - offset_s;
  if (seconds > std::numeric_limits<int64_t>::max() / kSecond - 1 ||
      seconds < std::numeric_limits<int64_t>::min() / kSecond + 1)
    return invalid_time(text, "out of the representable range (years 1678 to 2261)");
  return seconds * kSecond + (leap_second ? kSecond - 1 : fraction_ns);
}

}  // namespace

Expected<int64_t> parse_time(std::string_view text, int64_t now_ns) {
  if (text.starts_with("now")) {
    const std::string_view rest = text.substr(3);
    if (rest.empty()) return now_ns;
    if (rest[0] != '-' && rest[0] != '+')
      return invalid_time(text, "expected now-<duration> or now+<duration>");
    auto duration = parse_duration(rest.substr(1));
    if (!duration) return invalid_time(text, duration.error().message());
    return rest[0] == '-' ? now_ns - *duration : now_ns + *duration;
  }
  return parse_rfc3339(text);
}

Expected<ir::TimeRange> parse_time_range(std::string_view since, std::string_view from, std::string_view to,
                                         int64_t now_ns) {
  if (!since.empty() && (!from.empty() || !to.empty()))
    return fail(Error::Code::invalid_query,
                "time range: give either a duration back from now (since) or from/to, not both");
  if (!since.empty()) {
    auto duration = parse_duration(since);
    if (!duration) return tl::make_unexpected(duration.error().with_context("time range: since"));
    return ir::TimeRange{now_ns - *duration, now_ns};
  }
  if (from.empty() && to.empty()) return ir::TimeRange{now_ns - kHour, now_ns};
  ir::TimeRange range{0, now_ns};
  if (!to.empty()) {
    auto end = parse_time(to, now_ns);
    if (!end) return tl::make_unexpected(end.error().with_context("time range: to"));
    range.to_ns = *end;
  }
  if (from.empty()) {
    range.from_ns = range.to_ns - kHour;
  } else {
    auto start = parse_time(from, now_ns);
    if (!start) return tl::make_unexpected(start.error().with_context("time range: from"));
    range.from_ns = *start;
  }
  if (range.from_ns >= range.to_ns)
    return fail(Error::Code::invalid_query, "time range: from (" + std::string(from) +
                                                ") is not before to (" +
                                                std::string(to.empty() ? "now" : to) + ")");
  return range;
}

std::string format_utc(int64_t unix_ns) {
  const std::time_t seconds = static_cast<std::time_t>(unix_ns / kSecond);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

std::string format_span(int64_t ns) {
  struct Unit {
    int64_t ns;
    const char* name;
  };
  static constexpr Unit kUnits[] = {{24 * kHour, "day"}, {kHour, "hour"}, {60 * kSecond, "minute"}};
  for (const auto& unit : kUnits)
    if (ns >= unit.ns && ns % unit.ns == 0) {
      const int64_t n = ns / unit.ns;
      return std::to_string(n) + " " + unit.name + (n == 1 ? "" : "s");
    }
  const int64_t n = ns / kSecond;
  return std::to_string(n) + (n == 1 ? " second" : " seconds");
}

}  // namespace tinkr::query
