// KQL literal printing; see literal.hpp.
#include "kql/literal.hpp"

#include <tinkr/sdk/error.hpp>
#include <tinkr/sdk/rfc3339.hpp>

#include <charconv>
#include <cmath>
#include <cstdio>

namespace tinkr::azure::kql {

namespace {

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
  sdk::rfc3339::append(out, unix_ns, sdk::rfc3339::Digits::ticks);
  out.push_back(')');
}

std::string format_iso8601(int64_t unix_ns) {
  std::string out;
  sdk::rfc3339::append(out, unix_ns, sdk::rfc3339::Digits::ticks);
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
