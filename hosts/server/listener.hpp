// Accepts connections and gives each its own session on its own strand, within the connection cap.
#pragma once

#include "server_context.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include <memory>

namespace tinkr::server {

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(boost::asio::io_context& io, ServerContext& context);

  /// Binds and listens; the bound port (useful with port 0). Errors name the address.
  Expected<uint16_t> open(const std::string& host, uint16_t port);
  void start();
  /// Stops accepting (from any thread).
  void stop();

 private:
  void do_accept();

  boost::asio::io_context& io_;
  ServerContext& context_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer pause_;  // between failed accepts
};

}  // namespace tinkr::server
