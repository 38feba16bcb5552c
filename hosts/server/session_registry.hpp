// The live sessions: for graceful shutdown (close the idle ones, let the busy ones finish) and for the
// connection cap. At the cap, a new connection takes the place of the longest-idle one (nginx's
// keep-alive reuse): idle sockets, however many a client opens, cannot use up the file descriptors
// or shut out /healthz. Only when every connection is busy with a request is the new one refused.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>

namespace tinkr::server {

class SessionControl;

class SessionRegistry {
 public:
  enum class Admission { admitted, at_capacity, shutting_down };

  explicit SessionRegistry(std::size_t max_connections) : max_connections_(max_connections) {}

  /// Adds a session. At the cap, asks the longest-idle session to close; when none is idle the session
  /// is not added (at_capacity: the caller refuses it). Once shutdown has begun nothing is added.
  Admission add(const std::shared_ptr<SessionControl>& session);
  void remove(const SessionControl* session);
  /// Marks shutdown and calls begin_shutdown() on every live session.
  void shut_down_all();
  bool shutting_down() const { return shutting_down_.load(std::memory_order_acquire); }
  std::size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::size_t max_connections_;
  uint64_t next_serial_ = 0;
  std::map<uint64_t, std::weak_ptr<SessionControl>> by_age_;  // oldest first
  std::map<const SessionControl*, uint64_t> serials_;
  std::atomic<bool> shutting_down_{false};
};

}  // namespace tinkr::server
