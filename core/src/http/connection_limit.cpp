// ConnectionLimit: a counting semaphore per destination (see connection_limit.hpp).
#include "http/connection_limit.hpp"

#include <algorithm>

#include "base/call_state.hpp"

namespace tinkr::http {

namespace {
// How often a waiting request looks at its cancel flag, which no one notifies.
constexpr auto kCancelPollSlice = std::chrono::milliseconds(20);
}  // namespace

ConnectionLimit::Wait ConnectionLimit::acquire(const std::string& key, Clock::time_point deadline,
                                               const tinkr_cancel* cancel) {
  std::unique_lock lock(mutex_);
  while (true) {
    // Looked up again after every wait: a release may have erased the entry meanwhile.
    std::size_t& busy = in_flight_[key];
    if (max_per_key_ == 0 || busy < max_per_key_) {
      ++busy;
      return Wait::granted;
    }
    if (is_stopped(cancel)) return Wait::cancelled;
    const auto now = Clock::now();
    if (now >= deadline) return Wait::timed_out;
    freed_.wait_for(lock, std::min<Clock::duration>(deadline - now, kCancelPollSlice));
  }
}

void ConnectionLimit::release(const std::string& key) {
  {
    std::lock_guard lock(mutex_);
    auto it = in_flight_.find(key);
    if (it != in_flight_.end() && --it->second == 0) in_flight_.erase(it);
  }
  freed_.notify_all();  // waiters for other destinations wake too, and wait again
}

}  // namespace tinkr::http
