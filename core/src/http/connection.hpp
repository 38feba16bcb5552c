// One client connection (TCP, optionally through a CONNECT tunnel, optionally TLS) that sends a
// request and reads its answer under deadlines, in three steps (write, head, body) so that the body
// is pulled by whoever reads it. Blocking for its caller; inside, every step is an
// asynchronous operation run on the connection's own io_context in short slices, so that a deadline
// or a cancelled call stops it promptly. One thread uses a connection at a time (the pool hands it out).
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>

#include <tl/expected.hpp>

#include "http/client.hpp"
#include "http/proxy.hpp"
#include "http/url.hpp"

namespace boost::asio::ssl {
class context;
}

namespace tinkr::http {

/// Where to connect: the target, its TLS context (null for plain http) and the proxy, if any.
struct Endpoint {
  Url url;
  std::shared_ptr<boost::asio::ssl::context> tls;
  std::optional<ProxyEndpoint> proxy;
};

struct Deadlines {
  std::chrono::steady_clock::time_point request;  // the whole request's end
  std::chrono::milliseconds connect_timeout;
  std::chrono::milliseconds read_timeout;  // longest wait for one read or write
  const tinkr_cancel* cancel = nullptr;
};

struct TransportFailure {
  Error error;
  /// Nothing of an answer arrived before the connection broke: on a reused keep-alive connection this
  /// means the server had closed it, and the request may be sent again on a fresh one.
  bool before_response = false;
  /// The connection was reset or closed under us: worth a retry with backoff.
  bool is_reset = false;
};

template <typename T>
using TransportExpected = tl::expected<T, TransportFailure>;

class Connection {
 public:
  /// Resolves (numeric port), connects, tunnels through the proxy and performs the TLS handshake
  /// (SNI, peer and host-name verification) as endpoint says.
  static TransportExpected<std::unique_ptr<Connection>> open(const Endpoint& endpoint,
                                                             const Deadlines& deadlines);
  ~Connection();

  /// Sends request (its head and body). A failure here, before any answer, is before_response.
  TransportExpected<void> write_request(const Request& request, const Deadlines& deadlines);

  /// Reads the answer's status line and headers; the body waits for read_body. A body over
  /// max_response_bytes fails when read_body reaches the limit.
  TransportExpected<Response> read_head(const Deadlines& deadlines, int64_t max_response_bytes);

  /// Reads the next bytes of the body into buffer: waits until some arrive, then keeps taking what
  /// has already arrived (at the socket or inside TLS) while buffer has room, so that one call
  /// returns many network reads. Returns 0 once the body has ended.
  TransportExpected<std::size_t> read_body(char* buffer, std::size_t capacity, const Deadlines& deadlines);

  /// True once read_body has returned the whole body.
  bool body_done() const noexcept;

  /// True when the last exchange completed cleanly and both sides keep the connection alive.
  bool is_reusable() const noexcept;

  std::chrono::steady_clock::time_point idle_since;

 private:
  struct Impl;
  explicit Connection(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tinkr::http
