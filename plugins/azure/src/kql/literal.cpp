// KQL literal printing; see literal.hpp.
#include "kql/literal.hpp"

#include <tinkr/sdk/error.hpp>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <ctime>

namespace tinkr::azure::kql {

namespace {

constexpr int64_t kNanosPerSecond = 1'000'000'000;

// Civil date from days since 1970-01-01 (Howard Hinnant's algorithm): no locale, no time zone, no
// allocation, valid for the whole int64 nanosecond range.
void civil_from_days(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += (m <= 2);
}

// Appends 2024-05-01T10:00:00[.fffffff]Z; with_ticks adds the 100 ns fraction when non-zero.
void append_iso(std::string& out, int64_t unix_ns, bool with_ticks) {
  int64_t seconds = unix_ns / kNanosPerSecond;
  int64_t rest = unix_ns % kNanosPerSecond;
  if (rest < 0) {
    rest += kNanosPerSecond;
    --seconds;
  }
  int64_t days = seconds / 86400;
  int64_t secs_of_day = seconds % 86400;
  if (secs_of_day < 0) {
    secs_of_day += 86400;
    --days;
  }
  int64_t y = 0;
  unsigned m = 0, d = 0;
  civil_from_days(days, y, m, d);
  char buffer[64];
  int n = std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02uT%02d:%02d:%02d", static_cast<long long>(y),
                        m, d, static_cast<int>(secs_of_day / 3600), static_cast<int>(secs_of_day / 60 % 60),
                        static_cast<int>(secs_of_day % 60));
  out.append(buffer, static_cast<std::size_t>(n));
  const int64_t ticks = rest / 100;
  if (with_ticks && ticks != 0) {
    n = std::snprintf(buffer, sizeof buffer, ".%07lld", static_cast<long long>(ticks));
    out.append(buffer, static_cast<std::size_t>(n));
  }
  out.push_back('Z');
}

void append_unicode_escape(std::string& out, unsigned char c) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += "\\u00";
  out.push_back(kHex[c >> 4]);
  out.push_back(kHex[c & 15]);
}

}  // namespace

bool is_valid_utf8(std::string_view s) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    const unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int extra = 0;
    uint32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      extra = 1;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      extra = 2;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      extra = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (end - p <= extra) return false;
    for (int i = 1; i <= extra; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i] & 0x3F);
    }
    if ((extra == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
      return false;
    p += extra + 1;
  }
  return true;
}

void append_string(std::string& out, std::string_view value, std::string_view what) {
  if (!is_valid_utf8(value)) throw sdk::Error(TINKR_INVALID_QUERY, std::string(what) + " is not valid UTF-8");
  out.reserve(out.size() + value.size() + 2);
  out.push_back('"');
  for (const char ch : value) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20 || c == 0x7F)
          append_unicode_escape(out, c);
        else
          out.push_back(ch);
    }
  }
  out.push_back('"');
}

std::string quote(std::string_view value) {
  std::string out;
  append_string(out, value);
  return out;
}

void append_datetime(std::string& out, int64_t unix_ns) {
  out += "datetime(";
  append_iso(out, unix_ns, true);
  out.push_back(')');
}

std::string format_iso8601(int64_t unix_ns) {
  std::string out;
  append_iso(out, unix_ns, true);
  return out;
}

void append_long(std::string& out, int64_t value) {
  char buffer[24];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, end);
}

void append_real(std::string& out, double value, std::string_view what) {
  if (!std::isfinite(value))
    throw sdk::Error(TINKR_INVALID_QUERY, std::string(what) + " must be a finite number");
  char buffer[40];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  std::string_view text(buffer, static_cast<std::size_t>(end - buffer));
  // Kusto reads "1e+300" as 1e300 only without the '+'; and a bare integer would be a long literal.
  bool has_point_or_exponent = false;
  for (char c : text) {
    if (c == '+') continue;
    if (c == '.' || c == 'e') has_point_or_exponent = true;
    out.push_back(c);
  }
  if (!has_point_or_exponent) out += ".0";
}

void append_milliseconds(std::string& out, int64_t ns, std::string_view what) {
  if (ns < 0) throw sdk::Error(TINKR_INVALID_QUERY, std::string(what) + " must not be negative");
  append_long(out, ns / 1'000'000);
  int64_t fraction = ns % 1'000'000;
  if (fraction == 0) return;
  char digits[8];
  std::snprintf(digits, sizeof digits, "%06lld", static_cast<long long>(fraction));
  std::string_view text(digits, 6);
  while (text.back() == '0') text.remove_suffix(1);
  out.push_back('.');
  out.append(text);
}

}  // namespace tinkr::azure::kql
