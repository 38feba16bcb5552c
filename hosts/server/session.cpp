// The server's sessions: BasicSession over TCP (session_impl.hpp), and what a TCP socket does that
// a test stream does not.
#include "session_impl.hpp"

#include <sys/socket.h>

#include <cerrno>

namespace tinkr::server {

template <>
struct StreamOps<boost::beast::tcp_stream> {
  using Stream = boost::beast::tcp_stream;

  static void expires_after(Stream& stream, std::chrono::steady_clock::duration after) {
    stream.expires_after(after);
  }
  static std::string remote_address(Stream& stream) {
    boost::system::error_code ec;
    const auto endpoint = stream.socket().remote_endpoint(ec);
    return ec ? std::string() : endpoint.address().to_string();
  }
  static bool shutdown_send(Stream& stream) {
    boost::system::error_code ec;
    stream.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send, ec);
    return !ec;
  }
  static void close(Stream& stream) {
    boost::system::error_code ec;
    stream.socket().close(ec);
  }
  template <class Handler>
  static void watch_readable(Stream& stream, Handler&& handler) {
    stream.socket().async_wait(boost::asio::socket_base::wait_read, std::forward<Handler>(handler));
  }
  // What a readable socket holds, without taking it. "Readable" can be stale: a request written in
  // two segments (Node 18's fetch does) readies the socket twice, and the second readiness may arrive
  // after the request was read whole, with nothing left. Only end-of-stream or an error means the
  // client left.
  static PeerState peek(Stream& stream) {
    char byte = 0;
    const ssize_t got = ::recv(stream.socket().native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    if (got > 0) return PeerState::sent_more;
    if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return PeerState::nothing_yet;
    return PeerState::gone;
  }
};

template class BasicSession<boost::beast::tcp_stream>;

}  // namespace tinkr::server
