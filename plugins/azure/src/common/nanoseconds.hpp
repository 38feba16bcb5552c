// Seconds from outside (a datetime cell, a token's expiry) as the int64 nanoseconds Tinkr keeps. Int64
// nanoseconds span the years 1677 to 2262: a value outside is refused, not wrapped (fuzzing found
// `9999-12-31` cells and absurd expiries overflowing the multiplication).
#pragma once

#include <cstdint>
#include <optional>

namespace tinkr::azure {

/// seconds * 10^9 + extra_ns, or nullopt when it leaves int64.
inline std::optional<int64_t> nanoseconds_of(int64_t seconds, int64_t extra_ns = 0) {
  int64_t ns = 0;
  if (__builtin_mul_overflow(seconds, int64_t{1'000'000'000}, &ns) ||
      __builtin_add_overflow(ns, extra_ns, &ns))
    return std::nullopt;
  return ns;
}

/// A JSON number as int64 (truncated toward zero), or nullopt when it is not finite or outside int64:
/// casting such a double is undefined behaviour (fuzzing sent 8.9e126 as a long cell).
inline std::optional<int64_t> int64_of(double value) {
  constexpr double kTwoTo63 = 9223372036854775808.0;
  if (!(value >= -kTwoTo63 && value < kTwoTo63)) return std::nullopt;
  return static_cast<int64_t>(value);
}

}  // namespace tinkr::azure
