// An access token and when it stops being valid. The token text is a secret: it goes into an
// Authorization header and nowhere else (never a log line, never an error message).
#pragma once

#include <cstdint>
#include <string>

namespace tinkr::azure {

struct AccessToken {
  std::string token;
  int64_t expires_on_ns = 0;  // Unix nanoseconds
};

inline constexpr int64_t kNanosPerSecond = 1'000'000'000;

}  // namespace tinkr::azure
