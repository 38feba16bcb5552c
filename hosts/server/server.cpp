// Threads and shutdown of the server object.
#include "server.hpp"

#include "listener.hpp"

namespace tinkr::server {

Server::Server(Services services, const config::ServerSettings& settings, std::ostream* access_log)
    : workers_(static_cast<std::size_t>(std::max(1, settings.worker_threads))),
      access_log_(access_log),
      context_{std::move(services),
               settings,
               workers_,
               access_log_,
               QueryGate(std::max(1, settings.max_concurrent_queries)),
               SessionRegistry(static_cast<std::size_t>(std::max(1, settings.max_connections)))},
      listener_(std::make_shared<Listener>(io_, context_)) {}

Server::~Server() {
  shutdown();
  wait();
}

Expected<uint16_t> Server::listen(const std::string& host, uint16_t port) {
  return listener_->open(host, port);
}

void Server::start(int io_threads) {
  listener_->start(io_threads);
  for (int i = 0; i < std::max(1, io_threads); ++i) threads_.emplace_back([this] { io_.run(); });
}

void Server::shutdown() {
  std::call_once(shutdown_once_, [this] {
    listener_->stop();
    context_.sessions.shut_down_all();
  });
}

void Server::wait() {
  for (auto& thread : threads_)
    if (thread.joinable()) thread.join();
  workers_.join();
}

}  // namespace tinkr::server
