// Accepts connections and gives each its own session, within the connection cap: on its own strand
// when several I/O threads run the sessions, on the one I/O thread's implicit strand when one does.
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
  /// Starts accepting; io_threads is how many threads will run the io_context.
  void start(int io_threads);
  /// Stops accepting (from any thread).
  void stop();

 private:
  void do_accept();

  boost::asio::io_context& io_;
  ServerContext& context_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer pause_;  // between failed accepts
  bool one_io_thread_ = false;
};

}  // namespace tinkr::server
