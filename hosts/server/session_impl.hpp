// The per-connection state machine (see session.hpp), for any stream: session.cpp instantiates it for
// TCP, the unit tests for Beast's test stream.
#pragma once

#include "session.hpp"

#include "job_runner.hpp"
#include "worker_priority.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/prefer.hpp>
#include <boost/asio/write.hpp>

namespace tinkr::server {
namespace session_detail {

namespace net = boost::asio;
namespace beast = boost::beast;
using std::chrono::milliseconds;

inline constexpr std::size_t kMaxPendingBytes = 1 << 20;
inline constexpr std::size_t kMaxDrainBytes = 64u << 20;
// After an error reply, what the client still sends is read for at most this long between reads.
inline constexpr milliseconds kDrainPause{1000};
// nginx's code for "the client closed the connection before the reply": what the access log records
// for a client that left while its query ran.
inline constexpr int kClientClosedRequest = 499;

// Hands a worker's reply back to the session's strand.
template <class Session>
class SessionOutput final : public JobOutput {
 public:
  explicit SessionOutput(std::shared_ptr<Session> session) : session_(std::move(session)) {}
  void respond(Response response) override { session_->post_response(std::move(response)); }
  bool stream(std::string chunk, bool last) override { return session_->post_chunk(std::move(chunk), last); }

 private:
  std::shared_ptr<Session> session_;
};

inline bool is_http_error(const beast::error_code& ec) {
  return ec.category() == http::make_error_code(http::error::bad_target).category();
}

}  // namespace session_detail

using namespace session_detail;  // NOLINT: the definitions below are the session's own

template <class Stream>
BasicSession<Stream>::BasicSession(Stream&& stream, ServerContext& context)
    : stream_(std::move(stream)), context_(context), remote_(Ops::remote_address(stream_)) {}

template <class Stream>
BasicSession<Stream>::~BasicSession() {
  context_.sessions.remove(this);
}

template <class Stream>
void BasicSession<Stream>::start() {
  net::dispatch(stream_.get_executor(), [self = this->shared_from_this()] { self->do_read(); });
}

template <class Stream>
void BasicSession<Stream>::refuse(std::size_t max_connections) {
  net::dispatch(stream_.get_executor(), [self = this->shared_from_this(), max_connections] {
    self->busy_ = true;
    self->keep_alive_ = false;
    self->started_ = std::chrono::steady_clock::now();
    self->route_ = "unmatched";
    auto response =
        error_response(Error(Error::Code::throttled,
                             "server busy: " + std::to_string(max_connections) +
                                 " connections open, each with a request in progress; retry later",
                             Error::Source::core, true, 1000),
                       11, false);
    response.result(http::status::service_unavailable);
    self->send(std::move(response));
  });
}

template <class Stream>
void BasicSession<Stream>::begin_shutdown() {
  net::post(stream_.get_executor(), [self = this->shared_from_this()] {
    self->shutting_down_ = true;
    if (!self->busy_) self->close();
  });
}

template <class Stream>
bool BasicSession<Stream>::try_evict() {
  int expected = waiting;
  return state_.compare_exchange_strong(expected, evicted, std::memory_order_acq_rel);
}

template <class Stream>
void BasicSession<Stream>::close_evicted() {
  net::post(stream_.get_executor(), [self = this->shared_from_this()] { self->close(); });
}

template <class Stream>
void BasicSession<Stream>::do_read() {
  if (shutting_down_) return close();
  // Only this strand moves working -> waiting; the registry only moves waiting -> evicted.
  int expected = working;
  state_.compare_exchange_strong(expected, waiting, std::memory_order_acq_rel);
  if (state_.load(std::memory_order_acquire) == evicted) return close();
  parser_.emplace();
  parser_->body_limit(static_cast<std::uint64_t>(context_.settings.max_body_bytes));
  parser_->header_limit(16 * 1024);
  const int64_t wait_ms =
      first_request_ ? context_.settings.header_timeout_ms : context_.settings.idle_timeout_ms;
  Ops::expires_after(stream_, milliseconds(wait_ms));
  http::async_read_header(
      stream_, buffer_, *parser_,
      [self = this->shared_from_this()](beast::error_code ec, std::size_t) { self->on_read_header(ec); });
}

template <class Stream>
void BasicSession<Stream>::on_read_header(beast::error_code ec) {
  // Any byte of a request makes the connection busy; if the registry claimed it first, it goes.
  int expected = waiting;
  if (!state_.compare_exchange_strong(expected, working, std::memory_order_acq_rel)) return close();
  busy_ = true;
  logged_ = false;
  bytes_sent_ = 0;
  head_only_ = false;
  started_ = std::chrono::steady_clock::now();
  route_ = "unmatched";
  method_ = path_ = subject_ = "";
  if (ended_by_read_error(ec)) return;
  auto& request = parser_->get();
  method_ = std::string(request.method_string());
  head_only_ = request.method() == http::verb::head;
  path_ = std::string(request.target().substr(0, request.target().find('?')));
  if (request[http::field::expect] == "100-continue") {
    auto go_on =
        std::make_shared<http::response<http::empty_body>>(http::status::continue_, request.version());
    http::async_write(
        stream_, *go_on, [self = this->shared_from_this(), go_on](beast::error_code write_ec, std::size_t) {
          if (write_ec) return self->close();
          http::async_read(self->stream_, self->buffer_, *self->parser_,
                           [self](beast::error_code read_ec, std::size_t) { self->on_read(read_ec); });
        });
    return;
  }
  if (parse_buffered_body(ec)) return on_read(ec);
  Ops::expires_after(stream_, milliseconds(context_.settings.header_timeout_ms));
  http::async_read(
      stream_, buffer_, *parser_,
      [self = this->shared_from_this()](beast::error_code read_ec, std::size_t) { self->on_read(read_ec); });
}

template <class Stream>
bool BasicSession<Stream>::parse_buffered_body(beast::error_code& ec) {
  // A request usually arrives whole, its body read with its head: parsing the body from the buffer here
  // spares a second read operation, whose completion would be posted (a post can wake the other I/O
  // thread: issue 15). Parsing stops where the buffer does; the read goes on from there otherwise.
  parser_->eager(true);
  while (!parser_->is_done() && buffer_.size() > 0) {
    const std::size_t used = parser_->put(buffer_.data(), ec);
    buffer_.consume(used);
    if (ec == http::error::need_more) ec = {};
    if (ec || used == 0) break;
  }
  return ec || parser_->is_done();
}

template <class Stream>
void BasicSession<Stream>::on_read(beast::error_code ec) {
  if (ended_by_read_error(ec)) return;
  handle_request();
}

template <class Stream>
bool BasicSession<Stream>::ended_by_read_error(beast::error_code ec) {
  if (!ec) return false;
  if (ec == http::error::body_limit) {
    reject_and_drain(
        http::status::payload_too_large,
        Error(Error::Code::invalid_query,
              "request body larger than " + std::to_string(context_.settings.max_body_bytes) + " bytes"));
  } else if (is_http_error(ec) && ec != http::error::end_of_stream) {
    reject_and_drain(http::status::bad_request,
                     Error(Error::Code::invalid_query, "malformed HTTP request: " + ec.message()));
  } else {
    close();  // end of stream, timeout, or the socket closed by shutdown
  }
  return true;
}

template <class Stream>
void BasicSession<Stream>::reject_and_drain(http::status status, const Error& error) {
  version_ = 11;
  keep_alive_ = false;
  auto response = error_response(error, version_, false);
  response.result(status);
  response_ = std::make_shared<Response>(std::move(response));
  bytes_sent_ = response_->body().size();
  std::size_t unread = kMaxDrainBytes;
  if (parser_ && parser_->is_header_done() && parser_->content_length())
    unread = static_cast<std::size_t>(std::min<std::uint64_t>(*parser_->content_length(), kMaxDrainBytes));
  Ops::expires_after(stream_, milliseconds(context_.settings.header_timeout_ms));
  http::async_write(stream_, *response_,
                    [self = this->shared_from_this(), unread](beast::error_code ec, std::size_t) {
                      self->finish_request(self->response_->result_int());
                      if (ec) return self->close();
                      self->close_after_error(unread);
                    });
}

template <class Stream>
void BasicSession<Stream>::close_after_error(std::size_t unread) {
  // The client sees the end at once (FIN after the reply). Reading what it still sends lets it finish
  // writing and then read the reply; closing with unread data would reset the connection and lose the
  // reply. The reading stops when the client pauses, at the byte budget, or at the header timeout.
  if (!Ops::shutdown_send(stream_)) return close();
  drain(unread, std::chrono::steady_clock::now() + milliseconds(context_.settings.header_timeout_ms));
}

template <class Stream>
void BasicSession<Stream>::drain(std::size_t remaining, std::chrono::steady_clock::time_point give_up) {
  const auto now = std::chrono::steady_clock::now();
  if (remaining == 0 || now >= give_up) return close();
  Ops::expires_after(stream_, std::min<std::chrono::steady_clock::duration>(kDrainPause, give_up - now));
  stream_.async_read_some(net::buffer(scratch_), [self = this->shared_from_this(), remaining, give_up](
                                                     beast::error_code ec, std::size_t size) {
    if (ec) return self->close();
    self->drain(remaining > size ? remaining - size : 0, give_up);
  });
}

template <class Stream>
void BasicSession<Stream>::handle_request() {
  auto& request = parser_->get();
  version_ = request.version();
  keep_alive_ = request.keep_alive() && !shutting_down_;
  RouteResult result = route(request, context_.services);
  route_ = std::move(result.route);
  subject_ = std::move(result.subject);
  if (result.response) return send(std::move(*result.response));
  dispatch(std::move(*result.job));
}

template <class Stream>
void BasicSession<Stream>::dispatch(Job job) {
  if (!context_.gate.try_enter()) {
    auto busy =
        error_response(Error(Error::Code::throttled,
                             "server busy: " + std::to_string(context_.settings.max_concurrent_queries) +
                                 " queries running; retry later",
                             Error::Source::core, true, 1000),
                       version_, keep_alive_);
    busy.result(http::status::service_unavailable);
    return send(std::move(busy));
  }
  context_.services.metrics.query_started();
  cancel_ = CancelSource{};
  {
    std::lock_guard lock(flow_mutex_);
    pending_bytes_ = 0;
    client_gone_ = false;
  }
  head_sent_ = false;
  chunked_type_ = job.stream ? "application/x-ndjson" : "application/json";
  // The query's time starts now: waiting for a free worker counts toward query_timeout_ms.
  const auto deadline = std::chrono::steady_clock::now() + milliseconds(context_.settings.query_timeout_ms);
  // The tracked executor keeps the I/O threads alive while the worker holds the session's reply.
  auto work = net::prefer(stream_.get_executor(), net::execution::outstanding_work.tracked);
  net::post(context_.workers, [self = this->shared_from_this(), job = std::move(job), work, cancel = cancel_,
                               deadline]() {
    lower_worker_priority(self->context_.settings.worker_nice);
    session_detail::SessionOutput<BasicSession> output(self);
    const auto left = std::chrono::ceil<milliseconds>(deadline - std::chrono::steady_clock::now());
    if (cancel.cancelled()) {
      // The client left while the query waited for a worker: nothing to run or answer.
    } else if (left.count() <= 0) {
      output.respond(error_response(
          Error(Error::Code::timeout,
                "query timed out after " + std::to_string(self->context_.settings.query_timeout_ms) +
                    " ms waiting for a free worker (server busy)",
                Error::Source::core, true),
          job.version, job.keep_alive));
    } else {
      run_job(job, self->context_.services, output, cancel, left);
    }
    self->context_.services.metrics.query_finished();
    self->context_.gate.leave();
  });
  awaiting_reply_ = true;
  watch_for_departure(++request_serial_);
}

template <class Stream>
void BasicSession<Stream>::watch_for_departure(uint64_t request) {
  // Readable while a query runs means the client closed (or reset) the connection, or sent its next
  // request early (pipelining): only the first is a departure. A client that half-closes its side
  // after sending the request is taken as gone too, as nginx does by default.
  Ops::watch_readable(stream_, [self = this->shared_from_this(), request](beast::error_code ec) {
    if (request != self->request_serial_ || !self->awaiting_reply_ || self->closed_) return;
    if (ec == net::error::operation_aborted) return;
    if (ec) return self->client_departed();
    switch (Ops::peek(self->stream_)) {
      case PeerState::sent_more:
        return;
      case PeerState::nothing_yet:
        return self->watch_for_departure(request);
      case PeerState::gone:
        return self->client_departed();
    }
  });
}

template <class Stream>
void BasicSession<Stream>::client_departed() {
  awaiting_reply_ = false;
  cancel_.cancel();
  {
    std::lock_guard lock(flow_mutex_);
    client_gone_ = true;
  }
  flow_.notify_all();
  finish_request(kClientClosedRequest);
  close();
}

template <class Stream>
void BasicSession<Stream>::post_response(Response response) {
  net::post(stream_.get_executor(),
            [self = this->shared_from_this(), response = std::move(response)]() mutable {
              self->send(std::move(response));
            });
}

template <class Stream>
bool BasicSession<Stream>::post_chunk(std::string chunk, bool last) {
  {
    std::unique_lock lock(flow_mutex_);
    flow_.wait(lock, [this] { return client_gone_ || pending_bytes_ < kMaxPendingBytes; });
    if (client_gone_) return false;
    pending_bytes_ += chunk.size();
  }
  net::post(stream_.get_executor(),
            [self = this->shared_from_this(), chunk = std::move(chunk), last]() mutable {
              self->chunks_.emplace_back(std::move(chunk), last);
              if (!self->writing_chunk_) self->write_next_chunk();
            });
  return true;
}

template <class Stream>
void BasicSession<Stream>::write_next_chunk() {
  if (chunks_.empty()) {
    writing_chunk_ = false;
    return;
  }
  writing_chunk_ = true;
  Ops::expires_after(stream_, milliseconds(context_.settings.idle_timeout_ms));
  if (!head_sent_) {
    stream_head_ = std::make_shared<http::response<http::empty_body>>(http::status::ok, version_);
    stream_head_->set(http::field::content_type, chunked_type_);
    stream_head_->set(http::field::cache_control, "no-store");
    stream_head_->keep_alive(keep_alive_ && !shutting_down_);
    stream_head_->chunked(true);
    head_serializer_ = std::make_shared<http::response_serializer<http::empty_body>>(*stream_head_);
    http::async_write_header(stream_, *head_serializer_,
                             [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                               if (ec) return self->on_chunk_written(0, true, ec);
                               self->head_sent_ = true;
                               self->write_next_chunk();
                             });
    return;
  }
  // Named, not a structured binding: clang 14 (the fuzz build) cannot capture one in the lambda below.
  const bool last = chunks_.front().second;
  current_chunk_ = std::make_shared<std::string>(std::move(chunks_.front().first));
  chunks_.pop_front();
  const std::size_t size = current_chunk_->size();
  // HEAD: the head a GET gets (chunked, as the body would be), and no chunk.
  if (head_only_) return on_chunk_written(size, last, {});
  bytes_sent_ += size;
  if (size == 0) return on_chunk_written(0, last, {});
  net::async_write(stream_, http::make_chunk(net::buffer(*current_chunk_)),
                   [self = this->shared_from_this(), size, last](beast::error_code ec, std::size_t) {
                     self->on_chunk_written(size, last, ec);
                   });
}

template <class Stream>
void BasicSession<Stream>::on_chunk_written(std::size_t size, bool last, beast::error_code ec) {
  {
    std::lock_guard lock(flow_mutex_);
    pending_bytes_ -= std::min(size, pending_bytes_);
    if (ec) client_gone_ = true;
  }
  flow_.notify_all();
  if (ec) {
    cancel_.cancel();
    awaiting_reply_ = false;
    finish_request(kClientClosedRequest);
    return close();
  }
  if (!last) return write_next_chunk();
  writing_chunk_ = false;
  awaiting_reply_ = false;
  if (head_only_) {
    finish_request(200);
    return on_sent(!stream_head_->keep_alive(), {});
  }
  net::async_write(stream_, http::make_chunk_last(),
                   [self = this->shared_from_this()](beast::error_code write_ec, std::size_t) {
                     self->finish_request(200);
                     self->on_sent(!self->stream_head_->keep_alive(), write_ec);
                   });
}

template <class Stream>
void BasicSession<Stream>::send(Response response) {
  if (closed_) return;  // the client left while its query ran; the departure is logged already
  awaiting_reply_ = false;
  // A 4xx closes the connection: the client may be confused or hostile, and either way it should not
  // hold a socket until a timeout.
  const bool client_error = response.result_int() >= 400 && response.result_int() < 500;
  if (shutting_down_ || client_error) response.keep_alive(false);
  response_ = std::make_shared<Response>(std::move(response));
  Ops::expires_after(stream_, milliseconds(context_.settings.idle_timeout_ms));
  auto on_written = [self = this->shared_from_this(), client_error](beast::error_code ec, std::size_t) {
    self->finish_request(self->response_->result_int());
    if (!ec && client_error) return self->close_after_error(kMaxDrainBytes);
    self->on_sent(!self->response_->keep_alive(), ec);
  };
  if (head_only_) {
    // HEAD: the head as GET would send it (Content-Length included), and no body.
    bytes_sent_ = 0;
    head_only_serializer_ = std::make_shared<http::response_serializer<http::string_body>>(*response_);
    return http::async_write_header(stream_, *head_only_serializer_, std::move(on_written));
  }
  bytes_sent_ = response_->body().size();
  http::async_write(stream_, *response_, std::move(on_written));
}

template <class Stream>
void BasicSession<Stream>::on_sent(bool close_after, beast::error_code ec) {
  busy_ = false;
  if (ec || close_after || shutting_down_) return close();
  first_request_ = false;
  do_read();
}

template <class Stream>
void BasicSession<Stream>::finish_request(int status) {
  if (logged_) return;
  logged_ = true;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  context_.services.metrics.record_request(route_, status, seconds);
  context_.access_log.write(
      AccessEntry{method_, path_, route_, subject_, remote_, status, seconds, bytes_sent_});
}

template <class Stream>
void BasicSession<Stream>::close() {
  if (closed_) return;
  closed_ = true;
  Ops::shutdown_send(stream_);
  Ops::close(stream_);
}

}  // namespace tinkr::server
