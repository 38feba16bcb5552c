// The client's request loop: validate, pick a pooled or new connection, send, and retry what is worth
// retrying within the deadline.
#include "http/client.hpp"
#include <tinkr/text.hpp>

#include <boost/beast/http/verb.hpp>

#include <algorithm>
#include <atomic>
#include <random>
#include <thread>

#include "base/call_state.hpp"
#include "base/log.hpp"
#include "http/connection.hpp"
#include "http/connection_limit.hpp"
#include "http/connection_pool.hpp"
#include "http/retry_policy.hpp"
#include "http/tls_context.hpp"
#include "tinkr/redact.hpp"

namespace tinkr::http {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

bool is_flag_cancelled(const tinkr_cancel* cancel) {
  return is_stopped(cancel);
}

bool sleep_in_slices(milliseconds delay, const tinkr_cancel* cancel) {
  auto end = Clock::now() + delay;
  while (Clock::now() < end) {
    if (is_flag_cancelled(cancel)) return false;
    std::this_thread::sleep_for(std::min<Clock::duration>(end - Clock::now(), milliseconds(20)));
  }
  return !is_flag_cancelled(cancel);
}

double unit_random() {
  thread_local std::mt19937 generator{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(generator);
}

// The request's end: its own timeout (or the client's default), and never past the call's deadline.
Clock::time_point request_deadline(const Request& request, const ClientOptions& options) {
  auto budget = request.timeout.count() > 0 ? request.timeout : options.request_timeout;
  auto end = Clock::now() + budget;
  int64_t call_deadline = deadline_ns(request.cancel);
  if (call_deadline != std::numeric_limits<int64_t>::max()) {
    auto remaining = std::chrono::nanoseconds(std::max<int64_t>(0, call_deadline - now_ns()));
    end = std::min(end, Clock::now() + std::chrono::duration_cast<Clock::duration>(remaining));
  }
  return end;
}

// The time left until deadline, in whole milliseconds (0 when it has passed).
milliseconds remaining_until(Clock::time_point deadline) {
  auto now = Clock::now();
  return now >= deadline ? milliseconds(0) : std::chrono::duration_cast<milliseconds>(deadline - now);
}

std::string describe_wait(milliseconds delay) {
  if (delay == kUnboundedRetryDelay) return "a wait too long to count";
  return "a wait of " + std::to_string(delay.count()) + " ms";
}

// What wait_to_retry did: waited out delay and the caller sends again, or did not (no retry left, or
// delay would pass the deadline).
struct RetryWait {
  bool retried = false;
  bool past_deadline = false;
  milliseconds delay{0};
};

// Where a request goes: how to reach its URL, and the key of the pooled connections that can carry it
// (scheme, authority, CA file and proxy).
struct Route {
  Endpoint endpoint;
  std::string key;
};

}  // namespace

std::string_view Response::header(std::string_view name) const noexcept {
  for (const auto& h : headers)
    if (equals_ignoring_case(h.name, name)) return h.value;
  return {};
}

struct Client::Impl {
  explicit Impl(ClientOptions o)
      : options(std::move(o)),
        pool(options.max_idle_per_host, options.idle_timeout),
        limit(options.max_connections_per_host) {
    if (!options.sleep_for) options.sleep_for = &sleep_in_slices;
  }

  ClientOptions options;
  TlsContexts tls;
  ConnectionPool pool;
  ConnectionLimit limit;
  std::atomic<uint64_t> opened{0}, reused{0}, retries{0};

  Expected<Response> send(const Request& request);
  Expected<Route> route(const Request& request);

  class Attempts;
};

Client::Client(ClientOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Client::~Client() = default;

Expected<Response> Client::send(const Request& request) {
  try {
    return impl_->send(request);
  } catch (const std::exception& e) {
    return fail(Error::Code::internal, std::string("http client failed: ") + e.what());
  }
}

ClientStats Client::stats() const {
  return {impl_->opened.load(), impl_->reused.load(), impl_->retries.load()};
}

void Client::clear_pool() {
  impl_->pool.clear();
}

/// Checks the request and works out where it goes; nothing is sent.
Expected<Route> Client::Impl::route(const Request& request) {
  for (const auto& h : request.headers)
    if (equals_ignoring_case(h.name, "authorization"))
      remember_credential(h.value);  // an upstream may quote it back
  auto url = parse_url(request.url);
  if (!url) return tl::unexpected(url.error());
  if (url->scheme == "http" && !request.allow_plain_http)
    return fail(Error::Code::config,
                "plain http:// to " + url->authority() +
                    " is refused: use https:// (http is allowed only for the IMDS and identity "
                    "endpoints and an explicitly configured loopback address)");
  if (boost::beast::http::string_to_verb(request.method) == boost::beast::http::verb::unknown)
    return fail(Error::Code::invalid_query, "unknown HTTP method '" + request.method + "'");

  Endpoint endpoint{*url, nullptr, std::nullopt};
  if (url->scheme == "https") {
    auto context = tls.get(request.ca_file);
    if (!context) return tl::unexpected(context.error());
    endpoint.tls = *context;
    auto proxy = proxy_for(options.proxy, url->hostname, url->port);
    if (!proxy) return tl::unexpected(proxy.error());
    endpoint.proxy = *proxy;
  }
  std::string key = url->scheme + "://" + url->authority() + "|" + request.ca_file + "|" +
                    (endpoint.proxy ? endpoint.proxy->hostname + ":" + endpoint.proxy->port : "");
  return Route{std::move(endpoint), std::move(key)};
}

/// One send(): the attempts at one request, sharing its deadline, its retry budget and the
/// connection slot they hold.
class Client::Impl::Attempts {
 public:
  Attempts(Impl& client, const Request& request, Route route)
      : client_(client),
        request_(request),
        route_(std::move(route)),
        deadlines_{
            request_deadline(request, client.options),
            request.connect_timeout.count() > 0 ? request.connect_timeout : client.options.connect_timeout,
            client.options.read_timeout, request.cancel},
        max_bytes_(request.max_response_bytes > 0 ? request.max_response_bytes
                                                  : client.options.max_response_bytes),
        max_retries_(request.no_retry ? 0 : client.options.max_retries) {}

  Expected<Response> run() {
    while (true) {
      if (auto ready = ready_to_send(); !ready) return tl::unexpected(ready.error());
      auto outcome = attempt();
      if (!outcome) return tl::unexpected(outcome.error());
      if (*outcome) return answered(std::move(**outcome));
    }
  }

 private:
  /// What one attempt came to: an answer, an error, or nullopt to send again.
  using Outcome = Expected<std::optional<Response>>;

  std::string authority() const { return route_.endpoint.url.authority(); }

  /// Still wanted, still in time, and holding a connection slot for the route (waited for, within
  /// the deadline, when every connection is busy).
  Expected<void> ready_to_send() {
    if (is_flag_cancelled(request_.cancel))
      return fail(Error::Code::cancelled, "request to " + authority() + " cancelled");
    if (Clock::now() >= deadlines_.request)
      return fail(Error::Code::timeout, "request to " + authority() + " timed out before it could be sent");
    if (slot_) return {};
    switch (client_.limit.acquire(route_.key, deadlines_.request, request_.cancel)) {
      case ConnectionLimit::Wait::granted:
        slot_.emplace(client_.limit, route_.key);
        return {};
      case ConnectionLimit::Wait::cancelled:
        return fail(Error::Code::cancelled,
                    "request to " + authority() + " cancelled while waiting for a free connection");
      case ConnectionLimit::Wait::timed_out:
        break;
    }
    return fail(Error::Code::timeout, "request to " + authority() +
                                          " timed out waiting for a free connection: all " +
                                          std::to_string(client_.limit.max_per_key()) + " were busy");
  }

  /// Sends the request once, on a pooled connection or a new one.
  Outcome attempt() {
    auto connection = client_.pool.acquire(route_.key);
    const bool is_pooled = connection != nullptr;
    if (is_pooled) {
      ++client_.reused;
    } else {
      auto opened = Connection::open(route_.endpoint, deadlines_);
      if (!opened) return after_transport_failure(opened.error());
      ++client_.opened;
      connection = std::move(*opened);
    }
    // Only a success streams: an error answer is small, is needed whole to explain itself, and may be
    // retried, and a consumer that decodes results must never see one.
    auto stream_body = [](int status) { return status >= 200 && status < 300; };
    auto result = connection->exchange(request_, deadlines_, max_bytes_, stream_body);
    if (!result) {
      // A pooled connection the server had already closed: send again at once on a fresh one.
      if (is_pooled && result.error().before_response && !resent_stale_) {
        resent_stale_ = true;
        return std::nullopt;
      }
      return after_transport_failure(result.error());
    }
    client_.pool.release(route_.key, std::move(connection));
    Response response = std::move(*result);
    response.attempts = attempt_ + 1;
    if (!is_retryable_status(response.status)) return response;
    return after_retryable_status(std::move(response));
  }

  /// A reset connection (a fresh one, or a reused one after the stale resend) is retried with backoff.
  Outcome after_transport_failure(const TransportFailure& failure) {
    if (failure.is_reset) {
      auto waited = wait_to_retry(std::nullopt);
      if (!waited) return tl::unexpected(waited.error());
      if (waited->retried) return std::nullopt;
    }
    return tl::unexpected(failure.error);
  }

  /// A status worth retrying is retried after the server's advised wait (or a backoff); a 429 whose
  /// advised wait passes the deadline is a throttling error, the other answers stand as they are.
  Outcome after_retryable_status(Response response) {
    auto waited = wait_to_retry(advised_retry_delay(response, std::chrono::system_clock::now()));
    if (!waited) return tl::unexpected(waited.error());
    if (waited->retried) return std::nullopt;
    if (response.status == 429 && waited->past_deadline)
      return tl::unexpected(Error(Error::Code::throttled,
                                  authority() + " throttled the request (HTTP 429) and advised " +
                                      describe_wait(waited->delay) + ", past the request's deadline",
                                  Error::Source::upstream, true, waited->delay.count()));
    return response;
  }

  /// Every retry goes through here: the wait is the server's advice or a backoff, and it is taken
  /// only when it ends before the deadline (compared as a remaining time, so that no advised wait,
  /// however long, can overflow a time point). The slot is not held while waiting.
  Expected<RetryWait> wait_to_retry(std::optional<milliseconds> advised) {
    if (attempt_ >= max_retries_) return RetryWait{};
    const auto& options = client_.options;
    auto delay = advised ? *advised
                         : backoff_delay(attempt_, options.base_backoff, options.max_backoff, unit_random());
    if (delay >= remaining_until(deadlines_.request)) return RetryWait{false, true, delay};
    slot_.reset();
    if (!options.sleep_for(delay, request_.cancel))
      return fail(Error::Code::cancelled, "request to " + authority() + " cancelled while waiting to retry");
    ++attempt_;
    ++client_.retries;
    return RetryWait{true, false, delay};
  }

  Response answered(Response response) const {
    if (log::enabled(log::Level::debug))
      log::write(log::Level::debug, "http",
                 request_.method + " " + authority() +
                     std::string(without_query(route_.endpoint.url.target)) + " -> " +
                     std::to_string(response.status) + " after " + std::to_string(response.attempts) +
                     " attempt(s)");
    return response;
  }

  Impl& client_;
  const Request& request_;
  const Route route_;
  const Deadlines deadlines_;
  const int64_t max_bytes_;
  const int max_retries_;
  int attempt_ = 0;
  bool resent_stale_ = false;
  std::optional<ConnectionSlot> slot_;
};

Expected<Response> Client::Impl::send(const Request& request) {
  auto route = this->route(request);
  if (!route) return tl::unexpected(route.error());
  return Attempts(*this, request, std::move(*route)).run();
}

}  // namespace tinkr::http
