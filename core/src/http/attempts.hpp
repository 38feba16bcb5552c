// The client's shared state, and one request's attempts: pick a pooled or new connection, send,
// wait for the answer's head, and send again what is worth retrying within the deadline. The body of
// a success is left on the connection for its reader to pull (ResponseStream).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "http/client.hpp"
#include "http/connection.hpp"
#include "http/connection_limit.hpp"
#include "http/connection_pool.hpp"
#include "http/tls_context.hpp"

namespace tinkr::http {

/// What every request of one Client shares.
struct ClientState {
  explicit ClientState(ClientOptions o);

  ClientOptions options;
  TlsContexts tls;
  ConnectionPool pool;
  ConnectionLimit limit;
  std::atomic<uint64_t> opened{0}, reused{0}, retries{0};
};

/// Where a request goes: how to reach its URL, and the key of the pooled connections that can carry it
/// (scheme, authority, CA file and proxy).
struct Route {
  Endpoint endpoint;
  std::string key;
};

/// One request: its attempts share its deadline, its retry budget and the connection slot they hold.
class Attempts {
 public:
  Attempts(ClientState& client, Request request, Route route);
  ~Attempts();
  Attempts(const Attempts&) = delete;
  Attempts& operator=(const Attempts&) = delete;

  /// Sends the request the first time (retrying a failure to connect or send as send() does).
  Expected<void> start();
  /// Waits for the final answer: a retryable status or a reset connection is sent again within the
  /// deadline. A success's body is left for read_body; any other status's body is read whole.
  Expected<const Response*> head();
  /// The next bytes of a success's body; 0 at its end (and for any other status).
  Expected<std::size_t> read_body(char* buffer, std::size_t capacity);

  std::string authority() const { return route_.endpoint.url.authority(); }

 private:
  /// After a step that failed or was waited out: go on, or send the request again.
  enum class Next { proceed, send_again };
  using Step = Expected<Next>;

  Expected<void> ready_to_send();
  Step send_once();
  Step after_failure(const TransportFailure& failure);
  Step after_transport_failure(const TransportFailure& failure);
  Expected<std::optional<Response>> after_retryable_status(Response response);
  struct RetryWait;
  Expected<RetryWait> wait_to_retry(std::optional<std::chrono::milliseconds> advised);
  Expected<std::string> read_whole_body();
  void release_connection();
  void log_answer(const Response& response) const;

  ClientState& client_;
  const Request request_;
  const Route route_;
  const Deadlines deadlines_;
  const int64_t max_bytes_;
  const int max_retries_;
  int attempt_ = 0;
  bool resent_stale_ = false;
  bool is_pooled_ = false;
  std::unique_ptr<Connection> connection_;  // holds the request sent and, after head, its unread body
  std::optional<ConnectionSlot> slot_;
  std::optional<Response> head_;
};

}  // namespace tinkr::http
