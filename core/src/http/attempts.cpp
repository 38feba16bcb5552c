// One request's attempts (see attempts.hpp): the retry rules in one place, whether the body is then
// read whole (Client::send) or pulled by the caller (Client::open).
#include "http/attempts.hpp"

#include <algorithm>
#include <random>
#include <thread>

#include "base/call_state.hpp"
#include "base/log.hpp"
#include "http/retry_policy.hpp"

namespace tinkr::http {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

bool sleep_in_slices(milliseconds delay, const tinkr_cancel* cancel) {
  auto end = Clock::now() + delay;
  while (Clock::now() < end) {
    if (is_stopped(cancel)) return false;
    std::this_thread::sleep_for(std::min<Clock::duration>(end - Clock::now(), milliseconds(20)));
  }
  return !is_stopped(cancel);
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

bool is_success(int status) {
  return status >= 200 && status < 300;
}

}  // namespace

ClientState::ClientState(ClientOptions o)
    : options(std::move(o)),
      pool(options.max_idle_per_host, options.idle_timeout),
      limit(options.max_connections_per_host) {
  if (!options.sleep_for) options.sleep_for = &sleep_in_slices;
}

// What wait_to_retry did: waited out delay and the caller sends again, or did not (no retry left, or
// delay would pass the deadline).
struct Attempts::RetryWait {
  bool retried = false;
  bool past_deadline = false;
  milliseconds delay{0};
};

Attempts::Attempts(ClientState& client, Request request, Route route)
    : client_(client),
      request_(std::move(request)),
      route_(std::move(route)),
      deadlines_{
          request_deadline(request_, client.options),
          request_.connect_timeout.count() > 0 ? request_.connect_timeout : client.options.connect_timeout,
          client.options.read_timeout, request_.cancel},
      max_bytes_(request_.max_response_bytes > 0 ? request_.max_response_bytes
                                                 : client.options.max_response_bytes),
      max_retries_(request_.no_retry ? 0 : client.options.max_retries) {}

// An unread body ends with its connection, which is then closed rather than pooled.
Attempts::~Attempts() = default;

Expected<void> Attempts::start() {
  while (true) {
    auto step = send_once();
    if (!step) return tl::unexpected(step.error());
    if (*step == Next::proceed) return {};
  }
}

Expected<const Response*> Attempts::head() {
  while (!head_) {
    if (!connection_) {
      auto sent = start();
      if (!sent) return tl::unexpected(sent.error());
    }
    auto response = connection_->read_head(deadlines_, max_bytes_);
    if (!response) {
      auto step = after_failure(response.error());
      if (!step) return tl::unexpected(step.error());
      continue;
    }
    response->attempts = attempt_ + 1;
    if (is_success(response->status)) {
      if (connection_->body_done()) release_connection();
      head_ = std::move(*response);
      break;
    }
    // Not a success: small, needed whole to explain itself, and perhaps sent again.
    auto body = read_whole_body();
    if (!body) return tl::unexpected(body.error());
    response->body = std::move(*body);
    release_connection();
    if (!is_retryable_status(response->status)) {
      head_ = std::move(*response);
      break;
    }
    auto final_answer = after_retryable_status(std::move(*response));
    if (!final_answer) return tl::unexpected(final_answer.error());
    if (*final_answer) head_ = std::move(**final_answer);
  }
  log_answer(*head_);
  return &*head_;
}

Expected<std::size_t> Attempts::read_body(char* buffer, std::size_t capacity) {
  auto answer = head();
  if (!answer) return tl::unexpected(answer.error());
  if (!connection_) return 0;  // not a success, or the body has ended
  auto got = connection_->read_body(buffer, capacity, deadlines_);
  if (!got) {
    connection_.reset();
    slot_.reset();
    return tl::unexpected(got.error().error);
  }
  if (connection_->body_done()) release_connection();
  return *got;
}

Expected<std::string> Attempts::read_whole_body() {
  std::string body;
  char piece[16 * 1024];
  while (!connection_->body_done()) {
    auto got = connection_->read_body(piece, sizeof piece, deadlines_);
    if (!got) {
      connection_.reset();
      return tl::unexpected(got.error().error);
    }
    body.append(piece, *got);
  }
  return body;
}

void Attempts::release_connection() {
  if (connection_) client_.pool.release(route_.key, std::move(connection_));
  slot_.reset();
}

/// Still wanted, still in time, and holding a connection slot for the route (waited for, within the
/// deadline, when every connection is busy).
Expected<void> Attempts::ready_to_send() {
  if (is_stopped(request_.cancel))
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
Attempts::Step Attempts::send_once() {
  if (auto ready = ready_to_send(); !ready) return tl::unexpected(ready.error());
  connection_ = client_.pool.acquire(route_.key);
  is_pooled_ = connection_ != nullptr;
  if (is_pooled_) {
    ++client_.reused;
  } else {
    auto opened = Connection::open(route_.endpoint, deadlines_);
    if (!opened) return after_transport_failure(opened.error());
    ++client_.opened;
    connection_ = std::move(*opened);
  }
  if (auto written = connection_->write_request(request_, deadlines_); !written)
    return after_failure(written.error());
  return Next::proceed;
}

/// The connection failed before a whole answer arrived. A pooled one the server had already closed
/// is sent again at once on a fresh one; anything else goes by after_transport_failure.
Attempts::Step Attempts::after_failure(const TransportFailure& failure) {
  connection_.reset();
  if (is_pooled_ && failure.before_response && !resent_stale_) {
    resent_stale_ = true;
    return Next::send_again;
  }
  return after_transport_failure(failure);
}

/// A reset connection (a fresh one, or a reused one after the stale resend) is retried with backoff.
Attempts::Step Attempts::after_transport_failure(const TransportFailure& failure) {
  if (failure.is_reset) {
    auto waited = wait_to_retry(std::nullopt);
    if (!waited) return tl::unexpected(waited.error());
    if (waited->retried) return Next::send_again;
  }
  return tl::unexpected(failure.error);
}

/// A status worth retrying is retried after the server's advised wait (or a backoff): nullopt, send
/// again. A 429 whose advised wait passes the deadline is a throttling error; the other answers stand.
Expected<std::optional<Response>> Attempts::after_retryable_status(Response response) {
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

/// Every retry goes through here: the wait is the server's advice or a backoff, and it is taken only
/// when it ends before the deadline (compared as a remaining time, so that no advised wait, however
/// long, can overflow a time point). The slot is not held while waiting.
Expected<Attempts::RetryWait> Attempts::wait_to_retry(std::optional<milliseconds> advised) {
  if (attempt_ >= max_retries_) return RetryWait{};
  const auto& options = client_.options;
  auto delay =
      advised ? *advised : backoff_delay(attempt_, options.base_backoff, options.max_backoff, unit_random());
  if (delay >= remaining_until(deadlines_.request)) return RetryWait{false, true, delay};
  slot_.reset();
  if (!options.sleep_for(delay, request_.cancel))
    return fail(Error::Code::cancelled, "request to " + authority() + " cancelled while waiting to retry");
  ++attempt_;
  ++client_.retries;
  return RetryWait{true, false, delay};
}

void Attempts::log_answer(const Response& response) const {
  if (!log::enabled(log::Level::debug)) return;
  log::write(log::Level::debug, "http",
             request_.method + " " + authority() + std::string(without_query(route_.endpoint.url.target)) +
                 " -> " + std::to_string(response.status) + " after " + std::to_string(response.attempts) +
                 " attempt(s)");
}

}  // namespace tinkr::http
