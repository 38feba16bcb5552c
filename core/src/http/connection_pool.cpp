// The keep-alive pool. Connections are closed outside the lock: closing a TLS socket may take a while.
#include "http/connection_pool.hpp"

namespace tinkr::http {

std::unique_ptr<Connection> ConnectionPool::acquire(const std::string& key) {
  std::vector<std::unique_ptr<Connection>> expired;
  std::unique_ptr<Connection> found;
  {
    std::lock_guard lock(mutex_);
    auto it = idle_.find(key);
    if (it == idle_.end()) return nullptr;
    auto now = std::chrono::steady_clock::now();
    auto& list = it->second;
    while (!list.empty() && !found) {
      auto candidate = std::move(list.back());
      list.pop_back();
      if (now - candidate->idle_since < idle_timeout_)
        found = std::move(candidate);
      else
        expired.push_back(std::move(candidate));
    }
  }
  return found;
}

void ConnectionPool::release(const std::string& key, std::unique_ptr<Connection> connection) {
  if (!connection || !connection->is_reusable()) return;
  connection->idle_since = std::chrono::steady_clock::now();
  std::lock_guard lock(mutex_);
  auto& list = idle_[key];
  if (list.size() < max_idle_per_key_)
    list.push_back(std::move(connection));
  else
    connection.reset();
}

void ConnectionPool::clear() {
  std::map<std::string, std::vector<std::unique_ptr<Connection>>> closing;
  std::lock_guard lock(mutex_);
  closing.swap(idle_);
}

}  // namespace tinkr::http
