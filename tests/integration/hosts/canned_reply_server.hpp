// A stand-in for a broken tinkr-server: on 127.0.0.1 (an ephemeral port), it reads each request whole
// and answers with fixed bytes (status line, headers and a body that may be garbled or cut short),
// then closes the connection. What a real server never sends, so that a test can see the client's
// error for it.
#pragma once

#include <boost/asio/ip/tcp.hpp>

#include <atomic>
#include <cstdint>
#include <string>
#include <thread>

namespace tinkr::testing {

class CannedReplyServer {
 public:
  /// Serves `reply` (the raw HTTP response) to every connection until destroyed.
  explicit CannedReplyServer(std::string reply);
  ~CannedReplyServer();
  CannedReplyServer(const CannedReplyServer&) = delete;
  CannedReplyServer& operator=(const CannedReplyServer&) = delete;

  uint16_t port() const { return port_; }

 private:
  void serve();

  std::string reply_;
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

/// An HTTP/1.1 200 reply of NDJSON whose body is `body` as it is, ended by closing the connection.
std::string ndjson_reply_until_close(const std::string& body);

}  // namespace tinkr::testing
