// See canned_reply_server.hpp.
#include "canned_reply_server.hpp"

#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>

#include <charconv>

namespace tinkr::testing {
namespace {

using boost::asio::ip::tcp;

/// The Content-Length of a request head, 0 when it has none.
std::size_t content_length(std::string_view head) {
  constexpr std::string_view kName = "\r\ncontent-length:";
  std::string lower(head);
  for (auto& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  const std::size_t at = lower.find(kName);
  if (at == std::string::npos) return 0;
  std::size_t start = at + kName.size();
  while (start < lower.size() && lower[start] == ' ') ++start;
  std::size_t length = 0;
  std::from_chars(lower.data() + start, lower.data() + lower.size(), length);
  return length;
}

}  // namespace

CannedReplyServer::CannedReplyServer(std::string reply)
    : reply_(std::move(reply)), acceptor_(io_, tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0)) {
  port_ = acceptor_.local_endpoint().port();
  thread_ = std::thread([this] { serve(); });
}

CannedReplyServer::~CannedReplyServer() {
  // A connection of our own wakes the blocked accept, which then sees stopping_ (closing the acceptor
  // from this thread while another blocks in it is not safe).
  stopping_ = true;
  boost::system::error_code ignored;
  tcp::socket wake(io_);
  wake.connect(acceptor_.local_endpoint(), ignored);
  thread_.join();
}

void CannedReplyServer::serve() {
  for (;;) {
    boost::system::error_code ec;
    tcp::socket socket(io_);
    acceptor_.accept(socket, ec);
    if (ec || stopping_) return;
    // The whole request first: closing with unread bytes would reset the connection, and the client
    // would see a reset rather than the reply under test.
    std::string request;
    const std::size_t head =
        boost::asio::read_until(socket, boost::asio::dynamic_buffer(request), "\r\n\r\n", ec);
    if (ec) continue;
    const std::size_t body = content_length(std::string_view(request).substr(0, head));
    if (request.size() < head + body)
      boost::asio::read(socket, boost::asio::dynamic_buffer(request),
                        boost::asio::transfer_exactly(head + body - request.size()), ec);
    boost::asio::write(socket, boost::asio::buffer(reply_), ec);
    socket.shutdown(tcp::socket::shutdown_both, ec);
  }
}

std::string ndjson_reply_until_close(const std::string& body) {
  return "HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\nConnection: close\r\n\r\n" + body;
}

}  // namespace tinkr::testing
