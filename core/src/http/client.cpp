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

Expected<Response> Client::Impl::send(const Request& request) {
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
    auto proxy = proxy_for(options.proxy, url->host, url->port);
    if (!proxy) return tl::unexpected(proxy.error());
    endpoint.proxy = *proxy;
  }
  std::string key = url->scheme + "://" + url->authority() + "|" + request.ca_file + "|" +
                    (endpoint.proxy ? endpoint.proxy->host + ":" + endpoint.proxy->port : "");
  Deadlines deadlines{request_deadline(request, options),
                      request.connect_timeout.count() > 0 ? request.connect_timeout : options.connect_timeout,
                      options.read_timeout, request.cancel};
  int64_t max_bytes =
      request.max_response_bytes > 0 ? request.max_response_bytes : options.max_response_bytes;
  int max_retries = request.no_retry ? 0 : options.max_retries;
  int attempt = 0;
  // Only a success streams: an error answer is small, is needed whole to explain itself, and may be
  // retried, and a consumer that decodes results must never see one.
  auto stream_body = [](int status) { return status >= 200 && status < 300; };

  // Every retry goes through here: the wait is the server's advice or a backoff, and it is taken only
  // when it ends before the deadline (compared as a remaining time, so that no advised wait, however
  // long, can overflow a time point). The slot is not held while waiting.
  std::optional<ConnectionSlot> slot;
  auto wait_to_retry = [&](std::optional<milliseconds> advised) -> Expected<RetryWait> {
    if (attempt >= max_retries) return RetryWait{};
    auto delay =
        advised ? *advised : backoff_delay(attempt, options.base_backoff, options.max_backoff, unit_random());
    if (delay >= remaining_until(deadlines.request)) return RetryWait{false, true, delay};
    slot.reset();
    if (!options.sleep_for(delay, request.cancel))
      return fail(Error::Code::cancelled,
                  "request to " + url->authority() + " cancelled while waiting to retry");
    ++attempt;
    ++retries;
    return RetryWait{true, false, delay};
  };
  // A reset connection (a fresh one, or a reused one after the stale resend) is retried with backoff.
  auto retry_after_reset = [&](const TransportFailure& f) -> Expected<bool> {
    if (!f.is_reset) return false;
    auto waited = wait_to_retry(std::nullopt);
    if (!waited) return tl::unexpected(waited.error());
    return waited->retried;
  };

  bool resent_stale = false;
  while (true) {
    if (is_flag_cancelled(request.cancel))
      return fail(Error::Code::cancelled, "request to " + url->authority() + " cancelled");
    if (Clock::now() >= deadlines.request)
      return fail(Error::Code::timeout,
                  "request to " + url->authority() + " timed out before it could be sent");
    if (!slot) {
      switch (limit.acquire(key, deadlines.request, request.cancel)) {
        case ConnectionLimit::Wait::granted:
          slot.emplace(limit, key);
          break;
        case ConnectionLimit::Wait::cancelled:
          return fail(Error::Code::cancelled,
                      "request to " + url->authority() + " cancelled while waiting for a free connection");
        case ConnectionLimit::Wait::timed_out:
          return fail(Error::Code::timeout, "request to " + url->authority() +
                                                " timed out waiting for a free connection: all " +
                                                std::to_string(limit.max_per_key()) + " were busy");
      }
    }
    auto connection = pool.acquire(key);
    bool is_pooled = connection != nullptr;
    if (is_pooled) {
      ++reused;
    } else {
      auto opened_connection = Connection::open(endpoint, deadlines);
      if (!opened_connection) {
        auto retried = retry_after_reset(opened_connection.error());
        if (!retried) return tl::unexpected(retried.error());
        if (*retried) continue;
        return tl::unexpected(opened_connection.error().error);
      }
      ++opened;
      connection = std::move(*opened_connection);
    }

    auto result = connection->exchange(request, deadlines, max_bytes, stream_body);
    if (!result) {
      const auto& f = result.error();
      // A pooled connection the server had already closed: send again at once on a fresh one.
      if (is_pooled && f.before_response && !resent_stale) {
        resent_stale = true;
        continue;
      }
      auto retried = retry_after_reset(f);
      if (!retried) return tl::unexpected(retried.error());
      if (*retried) continue;
      return tl::unexpected(f.error);
    }
    pool.release(key, std::move(connection));
    Response response = std::move(*result);
    response.attempts = attempt + 1;

    if (is_retryable_status(response.status)) {
      auto waited = wait_to_retry(advised_retry_delay(response, std::chrono::system_clock::now()));
      if (!waited) return tl::unexpected(waited.error());
      if (waited->retried) continue;
      if (response.status == 429 && waited->past_deadline)
        return tl::unexpected(Error(Error::Code::throttled,
                                    url->authority() + " throttled the request (HTTP 429) and advised " +
                                        describe_wait(waited->delay) + ", past the request's deadline",
                                    Error::Source::upstream, true, waited->delay.count()));
    }
    if (log::enabled(log::Level::debug))
      log::write(log::Level::debug, "http",
                 request.method + " " + url->authority() + std::string(without_query(url->target)) + " -> " +
                     std::to_string(response.status) + " after " + std::to_string(response.attempts) +
                     " attempt(s)");
    return response;
  }
}

}  // namespace tinkr::http
