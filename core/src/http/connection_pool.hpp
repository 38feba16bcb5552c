// Idle keep-alive connections, kept per destination key (scheme, host, port, trust store, proxy) so
// that a request reuses a connection only where it would have made the same one.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "http/connection.hpp"

namespace tinkr::http {

class ConnectionPool {
 public:
  ConnectionPool(std::size_t max_idle_per_key, std::chrono::milliseconds idle_timeout)
      : max_idle_per_key_(max_idle_per_key), idle_timeout_(idle_timeout) {}

  /// The most recently used idle connection for key that has not idled too long, or null.
  std::unique_ptr<Connection> acquire(const std::string& key);
  /// Keeps connection for reuse when it is reusable and key has room; closes it otherwise.
  void release(const std::string& key, std::unique_ptr<Connection> connection);
  void clear();

 private:
  std::size_t max_idle_per_key_;
  std::chrono::milliseconds idle_timeout_;
  std::mutex mutex_;
  std::map<std::string, std::vector<std::unique_ptr<Connection>>> idle_;
};

}  // namespace tinkr::http
