// connection_pool.cpp: see connection_pool.hpp.
#include "connection_pool.hpp"

namespace tinkr::local {

ConnectionPool::ConnectionPool(std::string path, Connection::Mode mode, std::size_t max_idle)
    : path_(std::move(path)), mode_(mode), max_idle_(max_idle) {}

ConnectionPool::Lease::~Lease() {
  if (connection_) pool_->release(std::move(connection_));
}

ConnectionPool::Lease ConnectionPool::acquire() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(connection));
    }
  }
  return Lease(*this, std::make_unique<Connection>(path_, mode_));
}

void ConnectionPool::release(std::unique_ptr<Connection> connection) noexcept {
  connection->set_cancel_check({});
  std::lock_guard lock(mutex_);
  if (idle_.size() < max_idle_) idle_.push_back(std::move(connection));
}

}  // namespace tinkr::local
