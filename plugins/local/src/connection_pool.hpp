// connection_pool.hpp: SQLite connections shared by concurrent queries. Each call borrows one
// connection for its whole run (a connection is never used by two threads at once), and returns it
// for the next call; WAL mode lets these readers run while an ingest writes.
#pragma once

#include "sqlite.hpp"

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace tinkr::local {

class ConnectionPool {
 public:
  ConnectionPool(std::string path, Connection::Mode mode, std::size_t max_idle = 4);

  /// A borrowed connection; returned to the pool when the lease ends.
  class Lease {
   public:
    Lease(ConnectionPool& pool, std::unique_ptr<Connection> connection)
        : pool_(&pool), connection_(std::move(connection)) {}
    Lease(Lease&&) = default;
    ~Lease();
    Connection& operator*() const noexcept { return *connection_; }
    Connection* operator->() const noexcept { return connection_.get(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<Connection> connection_;
  };

  /// An idle connection, or a new one when none is idle (never blocks).
  Lease acquire();

 private:
  void release(std::unique_ptr<Connection> connection) noexcept;

  std::string path_;
  Connection::Mode mode_;
  std::size_t max_idle_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace tinkr::local
