// What the listener and every session share: the services, the limits, the worker pool, the
// access log, the concurrency gate and the set of live sessions (for graceful shutdown).
#pragma once

#include "access_log.hpp"
#include "route.hpp"

#include <tinkr/config.hpp>

#include <boost/asio/thread_pool.hpp>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>

namespace tinkr::server {

class Session;

/// At most `limit` queries at once; beyond that the server answers 503 with Retry-After.
class QueryGate {
 public:
  explicit QueryGate(int limit) : limit_(limit) {}
  bool try_enter() {
    if (in_flight_.fetch_add(1, std::memory_order_acq_rel) < limit_) return true;
    in_flight_.fetch_sub(1, std::memory_order_acq_rel);
    return false;
  }
  void leave() { in_flight_.fetch_sub(1, std::memory_order_acq_rel); }
  int in_flight() const { return in_flight_.load(std::memory_order_acquire); }

 private:
  int limit_;
  std::atomic<int> in_flight_{0};
};

/// Live sessions, so that shutdown can close the idle ones and let the busy ones finish.
class SessionRegistry {
 public:
  /// Adds a session; false once shutdown has begun (the caller closes it at once).
  bool add(const std::shared_ptr<Session>& session);
  void remove(const Session* session);
  /// Marks shutdown and calls begin_shutdown() on every live session.
  void shut_down_all();
  bool shutting_down() const { return shutting_down_.load(std::memory_order_acquire); }

 private:
  std::mutex mutex_;
  std::map<const Session*, std::weak_ptr<Session>> sessions_;
  std::atomic<bool> shutting_down_{false};
};

struct ServerContext {
  Services services;
  config::ServerSettings settings;
  boost::asio::thread_pool& workers;
  AccessLog& access_log;
  QueryGate gate;
  SessionRegistry sessions;
};

}  // namespace tinkr::server
