// At most N requests in flight to one destination at a time. Without a cap a busy server (many
// concurrent queries) opens one connection per query to the same Azure host; with it the excess
// waits its turn, within its own deadline and cancellation, and reuses the connections that free up.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <map>
#include <mutex>
#include <string>

#include "tinkr/plugin.h"

namespace tinkr::http {

class ConnectionLimit {
 public:
  using Clock = std::chrono::steady_clock;
  enum class Wait { granted, timed_out, cancelled };

  /// max_per_key 0: no limit.
  explicit ConnectionLimit(std::size_t max_per_key) : max_per_key_(max_per_key) {}

  /// Takes one of key's slots, waiting for one until deadline or until cancel is cancelled.
  Wait acquire(const std::string& key, Clock::time_point deadline, const tinkr_cancel* cancel);
  /// Gives back a slot taken by acquire.
  void release(const std::string& key);

  std::size_t max_per_key() const { return max_per_key_; }

 private:
  const std::size_t max_per_key_;
  std::mutex mutex_;
  std::condition_variable freed_;
  std::map<std::string, std::size_t> in_flight_;
};

/// A slot held for one attempt; given back when it goes out of scope.
class ConnectionSlot {
 public:
  ConnectionSlot(ConnectionLimit& limit, const std::string& key) : limit_(&limit), key_(&key) {}
  ~ConnectionSlot() { limit_->release(*key_); }
  ConnectionSlot(const ConnectionSlot&) = delete;
  ConnectionSlot& operator=(const ConnectionSlot&) = delete;

 private:
  ConnectionLimit* limit_;
  const std::string* key_;
};

}  // namespace tinkr::http
