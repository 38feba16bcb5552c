// The set of live sessions and the connection cap (see session_registry.hpp).
#include "session_registry.hpp"

#include "session.hpp"

#include <vector>

namespace tinkr::server {

SessionRegistry::Admission SessionRegistry::add(const std::shared_ptr<SessionControl>& session) {
  std::shared_ptr<SessionControl> evicted;
  {
    std::lock_guard lock(mutex_);
    if (shutting_down_.load(std::memory_order_acquire)) return Admission::shutting_down;
    if (serials_.size() >= max_connections_) {
      // Sessions asked to close stay listed until they are gone; those are skipped here, so the open
      // sockets stay within the cap plus the few closes in progress.
      for (auto& [serial, weak] : by_age_) {
        auto candidate = weak.lock();
        if (candidate && candidate->try_evict()) {
          evicted = std::move(candidate);
          break;
        }
      }
      if (!evicted) return Admission::at_capacity;
    }
    const uint64_t serial = next_serial_++;
    by_age_[serial] = session;
    serials_[session.get()] = serial;
  }
  if (evicted) evicted->close_evicted();
  return Admission::admitted;
}

void SessionRegistry::remove(const SessionControl* session) {
  std::lock_guard lock(mutex_);
  auto found = serials_.find(session);
  if (found == serials_.end()) return;
  by_age_.erase(found->second);
  serials_.erase(found);
}

std::size_t SessionRegistry::size() const {
  std::lock_guard lock(mutex_);
  return serials_.size();
}

void SessionRegistry::shut_down_all() {
  std::vector<std::shared_ptr<SessionControl>> live;
  {
    std::lock_guard lock(mutex_);
    shutting_down_.store(true, std::memory_order_release);
    for (auto& [serial, weak] : by_age_)
      if (auto session = weak.lock()) live.push_back(std::move(session));
  }
  for (auto& session : live) session->begin_shutdown();
}

}  // namespace tinkr::server
