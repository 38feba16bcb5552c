// The state behind the ABI's opaque tinkr_cancel: one per running query, shared by the engine (which
// cancels it), the host services (HTTPS honours it) and the plugin (which polls it).
#pragma once

#include <atomic>
#include <cstdint>
#include <limits>
#include <memory>

#include "tinkr/clock.hpp"

struct tinkr_cancel {
  std::shared_ptr<std::atomic<bool>> flag;  // set when the caller cancels
  int64_t deadline_ns = std::numeric_limits<int64_t>::max();
  /// Set when the host needs nothing more from the call (its sink stopped at the limit or at the
  /// caller's word): the plugin's transfers still in flight end at once instead of running on.
  std::atomic<bool> finished{false};
};

namespace tinkr {

/// True once the caller cancelled the call or the host finished with it; deadlines aside.
inline bool is_stopped(const tinkr_cancel* cancel) noexcept {
  if (!cancel) return false;
  if (cancel->flag && cancel->flag->load(std::memory_order_acquire)) return true;
  return cancel->finished.load(std::memory_order_acquire);
}

/// True once the call was cancelled, finished, or its deadline passed. A null cancel is never
/// cancelled.
inline bool is_cancelled(const tinkr_cancel* cancel) noexcept {
  if (!cancel) return false;
  return is_stopped(cancel) || now_ns() >= cancel->deadline_ns;
}

inline int64_t deadline_ns(const tinkr_cancel* cancel) noexcept {
  return cancel ? cancel->deadline_ns : std::numeric_limits<int64_t>::max();
}

}  // namespace tinkr
