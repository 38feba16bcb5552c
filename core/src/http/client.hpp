// tinkr::http::Client: the core's HTTPS client. Keep-alive connections pooled per scheme:host:port,
// at most max_connections_per_host requests in flight to one of them (the rest wait their turn),
// TLS verified against the system store or a CA file (SNI and host-name checks), connect / read /
// whole-request deadlines, cancellation through the call's tinkr_cancel, a response-size cap, the
// HTTPS_PROXY / NO_PROXY CONNECT tunnel and retries with backoff that honours Retry-After.
// This header stays free of Asio and Beast so that its users compile quickly.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/proxy.hpp"
#include "tinkr/error.hpp"
#include "tinkr/plugin.h"

namespace tinkr::http {

struct Header {
  std::string name;
  std::string value;
};

/// Receives the body in pieces as it arrives; returns TINKR_OK to go on, or a status that aborts
/// the transfer (send then fails with that status).
using BodyCallback = std::function<int32_t(std::string_view piece)>;

struct Request {
  std::string method = "GET";
  std::string url;  // absolute; https:// unless allow_plain_http
  std::vector<Header> headers;
  std::string body;
  /// Whole request, retries and backoff included; 0 = the client's default. The call's deadline
  /// (cancel) bounds it too.
  std::chrono::milliseconds timeout{0};
  std::chrono::milliseconds connect_timeout{0};  // 0 = the client's default
  int64_t max_response_bytes = 0;                // 0 = the client's default
  std::string ca_file;                           // PEM bundle; empty = the system store
  bool allow_plain_http = false;
  bool no_retry = false;
  /// When set, a success's (2xx) body goes here as it arrives instead of into Response::body. Other
  /// statuses are read whole into Response::body: they may be retried, and they explain an error.
  BodyCallback on_body;
  const tinkr_cancel* cancel = nullptr;  // may be null
};

struct Response {
  int status = 0;
  std::vector<Header> headers;
  std::string body;  // empty when a 2xx body was streamed to on_body
  int attempts = 1;  // requests sent, the final one included

  /// The first header of that name (case-insensitive), or empty.
  std::string_view header(std::string_view name) const noexcept;
};

/// Waits out a retry delay. The default sleeps in short slices and returns false as soon as cancel
/// is cancelled; tests replace it to record the delays without waiting.
using Sleeper = std::function<bool(std::chrono::milliseconds delay, const tinkr_cancel* cancel)>;

struct ClientOptions {
  std::chrono::milliseconds connect_timeout{10'000};
  /// The longest silence allowed while reading an answer (Log Analytics may think for minutes).
  std::chrono::milliseconds read_timeout{300'000};
  std::chrono::milliseconds request_timeout{300'000};
  int64_t max_response_bytes = int64_t{64} << 20;
  std::size_t max_idle_per_host = 8;
  /// Requests in flight to one destination at once; more wait for a free connection within their
  /// deadline (0: no limit).
  std::size_t max_connections_per_host = 16;
  /// A pooled connection idle for longer is closed rather than reused (servers drop idle ones).
  std::chrono::milliseconds idle_timeout{50'000};
  int max_retries = 3;
  std::chrono::milliseconds base_backoff{400};
  std::chrono::milliseconds max_backoff{20'000};
  ProxySettings proxy;  // none by default; ProxySettings::from_environment() reads HTTPS_PROXY/NO_PROXY
  Sleeper sleep_for;    // null = real sleeping
};

/// Counters for tests and benchmarks.
struct ClientStats {
  uint64_t connections_opened = 0;
  uint64_t connections_reused = 0;
  uint64_t retries = 0;
};

class Attempts;

/// An answer whose body its reader pulls (Client::open). Used by one thread at a time. Destroying it
/// before the body's end closes the connection instead of pooling it.
class ResponseStream {
 public:
  ~ResponseStream();
  ResponseStream(const ResponseStream&) = delete;
  ResponseStream& operator=(const ResponseStream&) = delete;

  /// Waits for the final answer (sending again what send() would retry) and returns its status and
  /// headers; valid as long as the stream. A success's (2xx) body is left for read; any other
  /// status's body is in the response whole. Later calls return the same answer (or error).
  Expected<const Response*> head();
  /// Reads the next bytes of a success's body into buffer: waits until some arrive, then takes what
  /// else has already arrived while buffer has room. 0 at the body's end, and for any other status.
  /// Calls head() first. Fails as send() does (cut short, timeout, cancelled, over the size cap).
  Expected<std::size_t> read(char* buffer, std::size_t capacity);

  /// host:port, for messages.
  std::string authority() const;

 private:
  friend class Client;
  explicit ResponseStream(std::unique_ptr<Attempts> attempts);
  std::unique_ptr<Attempts> attempts_;
  std::optional<Error> failed_;  // a failed head() or read() fails every later call the same way
};

/// Thread-safe: any number of threads may call send at once; each uses its own connection.
class Client {
 public:
  explicit Client(ClientOptions options = {});
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  /// Sends request and returns the final response whatever its HTTP status (a 404 or a 503 after the
  /// retries is a response, not an error). Fails with: invalid_query (malformed URL or method),
  /// config (plain http:// not allowed, unreadable ca_file, bad proxy URL), timeout, cancelled,
  /// throttled (a 429 whose advised wait passes the deadline; retry_after_ms set) and
  /// upstream_unavailable (connection, TLS, truncated or oversized answer), each naming host:port and
  /// the step that failed. Never puts a header value in a message.
  Expected<Response> send(const Request& request);

  /// Sends request and returns once it is sent, without waiting for the answer, so that one thread
  /// can have several requests in flight; the answer is then pulled through the stream. Fails as
  /// send() does for what happens before the answer. request.on_body is not used.
  Expected<std::unique_ptr<ResponseStream>> open(Request request);

  ClientStats stats() const;
  /// Closes every idle pooled connection.
  void clear_pool();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tinkr::http
