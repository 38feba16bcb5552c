// One client connection (TCP, optionally through a CONNECT tunnel, optionally TLS) that sends a
// request and reads its answer under deadlines. Blocking for its caller; inside, every step is an
// asynchronous operation run on the connection's own io_context in short slices, so that a deadline
// or a cancelled call stops it promptly. One thread uses a connection at a time (the pool hands it out).
#pragma once

#include <chrono>
#include <functional>
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

  /// Sends request and reads the answer. When stream_body(status) says so, the body goes to
  /// request.on_body instead of Response::body. A body over max_response_bytes fails, streamed or not.
  TransportExpected<Response> exchange(const Request& request, const Deadlines& deadlines,
                                       int64_t max_response_bytes,
                                       const std::function<bool(int status)>& stream_body);

  /// True when the last exchange completed cleanly and both sides keep the connection alive.
  bool is_reusable() const noexcept;

  std::chrono::steady_clock::time_point idle_since;

 private:
  struct Impl;
  explicit Connection(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tinkr::http
