// Typed cell readers; see cell.hpp.
#include "decode/cell.hpp"

#include <tinkr/sdk/rfc3339.hpp>

#include <charconv>
#include <cmath>
#include <limits>
#include "common/nanoseconds.hpp"

namespace tinkr::azure::decode {

namespace {

bool digits(std::string_view text, std::size_t pos, std::size_t count, int64_t& out) noexcept {
  if (pos + count > text.size()) return false;
  int64_t v = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

// Reads ".ddddddddd" (any number of digits; beyond 9 ignored) as nanoseconds.
std::size_t read_fraction(std::string_view text, std::size_t pos, int64_t& ns) noexcept {
  ns = 0;
  if (pos >= text.size() || text[pos] != '.') return pos;
  ++pos;
  int64_t scale = 100'000'000;
  while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
    ns += (text[pos] - '0') * scale;
    scale /= 10;
    ++pos;
  }
  return pos;
}

}  // namespace

CellType cell_type_from_name(std::string_view n) noexcept {
  if (n == "string") return CellType::string;
  if (n == "datetime") return CellType::datetime;
  if (n == "bool" || n == "boolean") return CellType::boolean;
  if (n == "int") return CellType::int32;
  if (n == "long") return CellType::int64;
  if (n == "real" || n == "double") return CellType::real;
  if (n == "decimal") return CellType::decimal;
  if (n == "dynamic") return CellType::dynamic;
  if (n == "guid") return CellType::guid;
  if (n == "timespan") return CellType::timespan;
  return CellType::other;
}

bool read_int64(const Cell& cell, int64_t& out) noexcept {
  if (cell.json != Cell::Json::number && cell.json != Cell::Json::string) return false;
  const char* b = cell.text.data();
  const char* e = b + cell.text.size();
  auto [p, ec] = std::from_chars(b, e, out);
  if (ec == std::errc() && p == e) return true;
  double d = 0;  // "1.0e3" or "12.0" from a real-typed column
  auto [q, ec2] = std::from_chars(b, e, d);
  if (ec2 != std::errc() || q != e) return false;
  const auto whole = int64_of(d);
  if (!whole) return false;
  out = *whole;
  return true;
}

bool read_double(const Cell& cell, double& out) noexcept {
  if (cell.json != Cell::Json::number && cell.json != Cell::Json::string) return false;
  const std::string_view t = cell.text;
  if (t == "NaN") {
    out = std::numeric_limits<double>::quiet_NaN();
    return true;
  }
  if (t == "Infinity" || t == "+Infinity") {
    out = std::numeric_limits<double>::infinity();
    return true;
  }
  if (t == "-Infinity") {
    out = -std::numeric_limits<double>::infinity();
    return true;
  }
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), out);
  return ec == std::errc() && p == t.data() + t.size();
}

bool read_bool(const Cell& cell, bool& out) noexcept {
  if (cell.json == Cell::Json::boolean || cell.json == Cell::Json::string) {
    if (cell.text == "true" || cell.text == "True") return out = true, true;
    if (cell.text == "false" || cell.text == "False") return out = false, true;
    return false;
  }
  if (cell.json == Cell::Json::number) {
    out = cell.text != "0";
    return true;
  }
  return false;
}

bool read_datetime(const Cell& cell, int64_t& unix_ns) noexcept {
  return cell.json == Cell::Json::string && parse_datetime(cell.text, unix_ns);
}

bool fits_column(const Cell& cell, CellType type) noexcept {
  if (cell.is_null()) return true;
  int64_t integer = 0;
  double real = 0;
  bool flag = false;
  switch (type) {
    case CellType::string:
    case CellType::guid:
      return cell.json == Cell::Json::string;
    case CellType::datetime:
      return read_datetime(cell, integer);
    case CellType::timespan:
      return cell.json == Cell::Json::string && parse_timespan(cell.text, integer);
    case CellType::boolean:
      return read_bool(cell, flag);
    case CellType::int32:
    case CellType::int64:
      return read_int64(cell, integer);
    case CellType::real:
    case CellType::decimal:
      return read_double(cell, real);
    case CellType::dynamic:
    case CellType::other:
      return true;
  }
  return true;
}

bool parse_datetime(std::string_view t, int64_t& unix_ns) noexcept {
  // Kusto writes every datetime whole, with its zone: a bare date in a datetime column is garbled.
  const auto parsed = sdk::rfc3339::parse(t, /*date_only=*/false);
  if (parsed) unix_ns = parsed.unix_ns;
  return static_cast<bool>(parsed);
}

bool parse_timespan(std::string_view t, int64_t& ns) noexcept {
  bool negative = false;
  std::size_t pos = 0;
  if (!t.empty() && t[0] == '-') {
    negative = true;
    pos = 1;
  }
  int64_t days = 0;
  const auto colon = t.find(':', pos);
  const auto dot = t.find('.', pos);
  if (dot != std::string_view::npos && colon != std::string_view::npos && dot < colon) {
    auto [p, ec] = std::from_chars(t.data() + pos, t.data() + dot, days);
    if (ec != std::errc() || p != t.data() + dot) return false;
    pos = dot + 1;
  }
  int64_t h, m, s;
  if (!digits(t, pos, 2, h) || pos + 2 >= t.size() || t[pos + 2] != ':' || !digits(t, pos + 3, 2, m) ||
      pos + 5 >= t.size() || t[pos + 5] != ':' || !digits(t, pos + 6, 2, s))
    return false;
  int64_t fraction = 0;
  if (read_fraction(t, pos + 8, fraction) != t.size()) return false;
  int64_t day_seconds = 0;
  if (__builtin_mul_overflow(days, int64_t{86400}, &day_seconds)) return false;
  const auto total = nanoseconds_of(day_seconds + h * 3600 + m * 60 + s, fraction);
  if (!total) return false;
  ns = *total * (negative ? -1 : 1);
  return true;
}

}  // namespace tinkr::azure::decode
