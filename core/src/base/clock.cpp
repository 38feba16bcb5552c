// The engine's clock.
#include "tinkr/clock.hpp"

#include <chrono>

namespace tinkr {

int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace tinkr
