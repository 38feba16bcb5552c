// tinkr-server as an object: I/O threads running the listener and sessions, a worker pool for
// plugin calls, and a graceful shutdown (stop accepting, close idle connections, finish the requests
// in flight, then return). The tests run it in-process; main.cpp runs it until SIGTERM/SIGINT.
#pragma once

#include "server_context.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>

#include <memory>
#include <ostream>
#include <thread>
#include <vector>

namespace tinkr::server {

class Listener;

class Server {
 public:
  /// access_log: where the JSON access lines go (nullptr: nowhere).
  Server(Services services, const config::ServerSettings& settings, std::ostream* access_log);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Binds host:port (port 0: any free port) and returns the bound port.
  Expected<uint16_t> listen(const std::string& host, uint16_t port);
  /// Starts the I/O threads; returns at once.
  void start(int io_threads);
  /// Graceful shutdown; thread-safe and idempotent. Returns at once; wait() blocks until done.
  void shutdown();
  /// Blocks until the I/O threads and the workers have finished.
  void wait();

  int queries_in_flight() const { return context_.gate.in_flight(); }
  std::size_t connections_open() const { return context_.sessions.size(); }
  ServerMetrics& metrics() { return context_.services.metrics; }

 private:
  boost::asio::thread_pool workers_;
  AccessLog access_log_;
  ServerContext context_;
  // Declared after context_ so that it is destroyed first: a handler still queued when the I/O threads
  // ran out of work (a session's shutdown posted just as its last handler finished) owns a session, and
  // destroying that session removes it from context_.sessions, which must still be alive.
  boost::asio::io_context io_;
  std::shared_ptr<Listener> listener_;
  std::vector<std::thread> threads_;
  std::once_flag shutdown_once_;
};

}  // namespace tinkr::server
