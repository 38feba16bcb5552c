// What the listener and every session share: the services, the limits, the worker pool, the
// access log, the concurrency gate and the set of live sessions (for graceful shutdown).
#pragma once

#include "access_log.hpp"
#include "route.hpp"
#include "session_registry.hpp"

#include <tinkr/config.hpp>

#include <boost/asio/thread_pool.hpp>

#include <atomic>

namespace tinkr::server {

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

struct ServerContext {
  Services services;
  config::ServerSettings settings;
  boost::asio::thread_pool& workers;
  AccessLog& access_log;
  QueryGate gate;
  SessionRegistry sessions;
};

}  // namespace tinkr::server
