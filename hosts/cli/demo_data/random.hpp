// random.hpp: a seeded random source whose draws are the same on every platform (the standard
// distributions are implementation-defined; the engine is not).
#pragma once

#include <cmath>
#include <cstdint>
#include <random>
#include <string>

namespace tinkr::demo {

class Random {
 public:
  explicit Random(uint64_t seed) : engine_(seed) {}

  /// Uniform in [0, 1).
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return uniform() < p; }
  /// Uniform integer in [low, high].
  int64_t between(int64_t low, int64_t high) {
    return low + static_cast<int64_t>(engine_() % static_cast<uint64_t>(high - low + 1));
  }
  /// Exponential with the given mean (gaps between arrivals).
  double exponential(double mean) { return -mean * std::log(1.0 - uniform()); }
  /// Log-normal around `median` with spread `sigma` (latencies).
  double lognormal(double median, double sigma) {
    double u1 = 1.0 - uniform(), u2 = uniform();
    double normal = std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    return median * std::exp(sigma * normal);
  }
  /// `digits` lowercase hex digits (trace and span ids).
  std::string hex(int digits) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    uint64_t bits = 0;
    for (int i = 0; i < digits; ++i) {
      if (i % 16 == 0) bits = engine_();
      out += kHex[bits & 15];
      bits >>= 4;
    }
    return out;
  }

 private:
  std::mt19937_64 engine_;
};

}  // namespace tinkr::demo
