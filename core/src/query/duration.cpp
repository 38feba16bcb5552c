// Durations of the query language and the hosts' flags ("250ms", "1.5s", "1h30m") as nanoseconds.
// Fractions are read as decimal digits, never through a double, so "1.1s" is exactly 1'100'000'000.
#include "tinkr/query.hpp"

#include <cmath>
#include <limits>

namespace tinkr::query {
namespace {

constexpr int64_t kMicrosecond = 1'000;
constexpr int64_t kMillisecond = 1'000'000;
constexpr int64_t kSecond = 1'000'000'000;
constexpr int64_t kMinute = 60 * kSecond;
constexpr int64_t kHour = 60 * kMinute;
constexpr int64_t kDay = 24 * kHour;
constexpr int64_t kWeek = 7 * kDay;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

/// The unit at the start of `rest` and its length in bytes; 0 when there is none.
int64_t read_unit(std::string_view rest, std::size_t& length) {
  struct Unit {
    std::string_view name;
    int64_t ns;
  };
  // Longer names first, so "ms" is not read as "m" followed by "s".
  static constexpr Unit kUnits[] = {{"ns", 1},
                                    {"us", kMicrosecond},
                                    {"\xC2\xB5s", kMicrosecond},
                                    {"ms", kMillisecond},
                                    {"s", kSecond},
                                    {"m", kMinute},
                                    {"h", kHour},
                                    {"d", kDay},
                                    {"w", kWeek}};
  for (const auto& unit : kUnits) {
    if (rest.starts_with(unit.name)) {
      length = unit.name.size();
      return unit.ns;
    }
  }
  length = 0;
  return 0;
}

Unexpected invalid(std::string_view text, std::string_view why) {
  return fail(Error::Code::invalid_query,
              "invalid duration '" + std::string(text) + "': " + std::string(why));
}

}  // namespace

Expected<int64_t> parse_duration(std::string_view text) {
  if (text.empty())
    return invalid(text, "expected a number and a unit (ns, us, ms, s, m, h, d, w), e.g. 250ms");
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  int64_t total = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_digit(text[i]) && text[i] != '.')
      return invalid(text, "expected a number and a unit (ns, us, ms, s, m, h, d, w), e.g. 250ms, 1.5s, 15m");
    int64_t whole = 0;
    bool any_digit = false;
    for (; i < text.size() && is_digit(text[i]); ++i, any_digit = true) {
      if (whole > (kMax - 9) / 10) return invalid(text, "too large");
      whole = whole * 10 + (text[i] - '0');
    }
    int64_t fraction = 0;
    int64_t fraction_scale = 1;
    if (i < text.size() && text[i] == '.') {
      for (++i; i < text.size() && is_digit(text[i]); ++i, any_digit = true) {
        // Digits past the ninth cannot change a result that is rounded to nanoseconds anyway.
        if (fraction_scale >= 1'000'000'000) continue;
        fraction = fraction * 10 + (text[i] - '0');
        fraction_scale *= 10;
      }
    }
    if (!any_digit) return invalid(text, "expected digits before the unit");
    std::size_t unit_length = 0;
    const int64_t unit = read_unit(text.substr(i), unit_length);
    if (unit == 0) return invalid(text, "expected a unit (ns, us, ms, s, m, h, d, w) after the number");
    i += unit_length;
    if (whole >= kMax / unit) return invalid(text, "too large");
    // A double holds fraction * unit to well under a nanosecond of error (at most 9 digits times a week).
    const int64_t part = whole * unit + std::llround(static_cast<double>(fraction) *
                                                     static_cast<double>(unit) / fraction_scale);
    if (total > kMax - part) return invalid(text, "too large");
    total += part;
  }
  return total;
}

}  // namespace tinkr::query
