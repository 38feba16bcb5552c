// The per-connection state machine (see session.hpp).
#include "session.hpp"

#include "job_runner.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/prefer.hpp>
#include <boost/asio/write.hpp>

namespace tinkr::server {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
using std::chrono::milliseconds;

constexpr std::size_t kMaxPendingBytes = 1 << 20;
constexpr std::size_t kMaxDrainBytes = 64u << 20;

// Hands a worker's reply back to the session's strand.
class SessionOutput final : public JobOutput {
 public:
  explicit SessionOutput(std::shared_ptr<Session> session) : session_(std::move(session)) {}
  void respond(Response response) override { session_->post_response(std::move(response)); }
  bool stream(std::string chunk, bool last) override { return session_->post_chunk(std::move(chunk), last); }

 private:
  std::shared_ptr<Session> session_;
};

bool is_http_error(const beast::error_code& ec) {
  return ec.category() == http::make_error_code(http::error::bad_target).category();
}

}  // namespace

bool SessionRegistry::add(const std::shared_ptr<Session>& session) {
  std::lock_guard lock(mutex_);
  if (shutting_down_.load(std::memory_order_acquire)) return false;
  sessions_[session.get()] = session;
  return true;
}

void SessionRegistry::remove(const Session* session) {
  std::lock_guard lock(mutex_);
  sessions_.erase(session);
}

void SessionRegistry::shut_down_all() {
  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard lock(mutex_);
    shutting_down_.store(true, std::memory_order_release);
    for (auto& [key, weak] : sessions_)
      if (auto session = weak.lock()) live.push_back(std::move(session));
  }
  for (auto& session : live) session->begin_shutdown();
}

Session::Session(net::ip::tcp::socket&& socket, ServerContext& context)
    : stream_(std::move(socket)), context_(context) {
  beast::error_code ec;
  const auto endpoint = stream_.socket().remote_endpoint(ec);
  if (!ec) remote_ = endpoint.address().to_string();
}

Session::~Session() {
  context_.sessions.remove(this);
}

void Session::start() {
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->do_read(); });
}

void Session::begin_shutdown() {
  net::post(stream_.get_executor(), [self = shared_from_this()] {
    self->shutting_down_ = true;
    if (!self->busy_) self->close();
  });
}

void Session::do_read() {
  if (shutting_down_) return close();
  parser_.emplace();
  parser_->body_limit(static_cast<std::uint64_t>(context_.settings.max_body_bytes));
  parser_->header_limit(16 * 1024);
  const int64_t wait_ms =
      first_request_ ? context_.settings.header_timeout_ms : context_.settings.idle_timeout_ms;
  stream_.expires_after(milliseconds(wait_ms));
  http::async_read_header(
      stream_, buffer_, *parser_,
      [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read_header(ec); });
}

void Session::on_read_header(beast::error_code ec) {
  busy_ = true;
  started_ = std::chrono::steady_clock::now();
  route_ = "unmatched";
  method_ = path_ = subject_ = "";
  if (ec == http::error::body_limit)
    return reject_and_drain(
        http::status::payload_too_large,
        Error(Error::Code::invalid_query,
              "request body larger than " + std::to_string(context_.settings.max_body_bytes) + " bytes"));
  if (ec && is_http_error(ec) && ec != http::error::end_of_stream)
    return reject_and_drain(http::status::bad_request,
                            Error(Error::Code::invalid_query, "malformed HTTP request: " + ec.message()));
  if (ec) return close();  // end of stream, timeout, or the socket closed by shutdown
  auto& request = parser_->get();
  method_ = std::string(request.method_string());
  path_ = std::string(request.target().substr(0, request.target().find('?')));
  if (request[http::field::expect] == "100-continue") {
    auto go_on =
        std::make_shared<http::response<http::empty_body>>(http::status::continue_, request.version());
    http::async_write(
        stream_, *go_on, [self = shared_from_this(), go_on](beast::error_code write_ec, std::size_t) {
          if (write_ec) return self->close();
          http::async_read(self->stream_, self->buffer_, *self->parser_,
                           [self](beast::error_code read_ec, std::size_t) { self->on_read(read_ec); });
        });
    return;
  }
  stream_.expires_after(milliseconds(context_.settings.header_timeout_ms));
  http::async_read(
      stream_, buffer_, *parser_,
      [self = shared_from_this()](beast::error_code read_ec, std::size_t) { self->on_read(read_ec); });
}

void Session::on_read(beast::error_code ec) {
  if (ec == http::error::body_limit)
    return reject_and_drain(
        http::status::payload_too_large,
        Error(Error::Code::invalid_query,
              "request body larger than " + std::to_string(context_.settings.max_body_bytes) + " bytes"));
  if (ec && is_http_error(ec) && ec != http::error::end_of_stream)
    return reject_and_drain(http::status::bad_request,
                            Error(Error::Code::invalid_query, "malformed HTTP request: " + ec.message()));
  if (ec) return close();
  handle_request();
}

void Session::reject_and_drain(http::status status, const Error& error) {
  version_ = 11;
  keep_alive_ = false;
  auto response = error_response(error, version_, false);
  response.result(status);
  response_ = std::make_shared<Response>(std::move(response));
  bytes_sent_ = response_->body().size();
  std::size_t remaining = kMaxDrainBytes;
  if (parser_ && parser_->is_header_done() && parser_->content_length())
    remaining = static_cast<std::size_t>(std::min<std::uint64_t>(*parser_->content_length(), kMaxDrainBytes));
  stream_.expires_after(milliseconds(context_.settings.header_timeout_ms));
  http::async_write(stream_, *response_,
                    [self = shared_from_this(), remaining](beast::error_code ec, std::size_t) {
                      self->finish_request(self->response_->result_int());
                      if (ec) return self->close();
                      // Reading what the client still sends lets it finish writing and then read the reply;
                      // closing with unread data would reset the connection and lose the reply.
                      self->drain(remaining);
                    });
}

void Session::drain(std::size_t remaining) {
  if (remaining == 0) return close();
  stream_.expires_after(milliseconds(context_.settings.header_timeout_ms));
  stream_.async_read_some(net::buffer(scratch_),
                          [self = shared_from_this(), remaining](beast::error_code ec, std::size_t size) {
                            if (ec) return self->close();
                            self->drain(remaining > size ? remaining - size : 0);
                          });
}

void Session::handle_request() {
  auto& request = parser_->get();
  version_ = request.version();
  keep_alive_ = request.keep_alive() && !shutting_down_;
  RouteResult result = route(request, context_.services);
  route_ = std::move(result.route);
  subject_ = std::move(result.subject);
  if (result.response) return send(std::move(*result.response));
  dispatch(std::move(*result.job));
}

void Session::dispatch(Job job) {
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
  // The tracked executor keeps the I/O threads alive while the worker holds the session's reply.
  auto work = net::prefer(stream_.get_executor(), net::execution::outstanding_work.tracked);
  net::post(context_.workers, [self = shared_from_this(), job = std::move(job), work, cancel = cancel_]() {
    SessionOutput output(self);
    run_job(job, self->context_.services, output, cancel,
            milliseconds(self->context_.settings.query_timeout_ms));
    self->context_.services.metrics.query_finished();
    self->context_.gate.leave();
  });
}

void Session::post_response(Response response) {
  net::post(stream_.get_executor(), [self = shared_from_this(), response = std::move(response)]() mutable {
    self->send(std::move(response));
  });
}

bool Session::post_chunk(std::string chunk, bool last) {
  {
    std::unique_lock lock(flow_mutex_);
    flow_.wait(lock, [this] { return client_gone_ || pending_bytes_ < kMaxPendingBytes; });
    if (client_gone_) return false;
    pending_bytes_ += chunk.size();
  }
  net::post(stream_.get_executor(), [self = shared_from_this(), chunk = std::move(chunk), last]() mutable {
    self->chunks_.emplace_back(std::move(chunk), last);
    if (!self->writing_chunk_) self->write_next_chunk();
  });
  return true;
}

void Session::write_next_chunk() {
  if (chunks_.empty()) {
    writing_chunk_ = false;
    return;
  }
  writing_chunk_ = true;
  stream_.expires_after(milliseconds(context_.settings.idle_timeout_ms));
  if (!head_sent_) {
    stream_head_ = std::make_shared<http::response<http::empty_body>>(http::status::ok, version_);
    stream_head_->set(http::field::content_type, "application/x-ndjson");
    stream_head_->set(http::field::cache_control, "no-store");
    stream_head_->keep_alive(keep_alive_ && !shutting_down_);
    stream_head_->chunked(true);
    head_serializer_ = std::make_shared<http::response_serializer<http::empty_body>>(*stream_head_);
    http::async_write_header(stream_, *head_serializer_,
                             [self = shared_from_this()](beast::error_code ec, std::size_t) {
                               if (ec) return self->on_chunk_written(0, true, ec);
                               self->head_sent_ = true;
                               self->write_next_chunk();
                             });
    return;
  }
  auto [chunk, last] = std::move(chunks_.front());
  chunks_.pop_front();
  current_chunk_ = std::make_shared<std::string>(std::move(chunk));
  const std::size_t size = current_chunk_->size();
  bytes_sent_ += size;
  if (size == 0) return on_chunk_written(0, last, {});
  net::async_write(stream_, http::make_chunk(net::buffer(*current_chunk_)),
                   [self = shared_from_this(), size, last](beast::error_code ec, std::size_t) {
                     self->on_chunk_written(size, last, ec);
                   });
}

void Session::on_chunk_written(std::size_t size, bool last, beast::error_code ec) {
  {
    std::lock_guard lock(flow_mutex_);
    pending_bytes_ -= std::min(size, pending_bytes_);
    if (ec) client_gone_ = true;
  }
  flow_.notify_all();
  if (ec) {
    cancel_.cancel();
    finish_request(200);
    return close();
  }
  if (!last) return write_next_chunk();
  writing_chunk_ = false;
  net::async_write(stream_, http::make_chunk_last(),
                   [self = shared_from_this()](beast::error_code write_ec, std::size_t) {
                     self->finish_request(200);
                     self->on_sent(!self->stream_head_->keep_alive(), write_ec);
                   });
}

void Session::send(Response response) {
  if (shutting_down_) response.keep_alive(false);
  response_ = std::make_shared<Response>(std::move(response));
  bytes_sent_ = response_->body().size();
  stream_.expires_after(milliseconds(context_.settings.idle_timeout_ms));
  http::async_write(stream_, *response_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
    self->finish_request(self->response_->result_int());
    self->on_sent(!self->response_->keep_alive(), ec);
  });
}

void Session::on_sent(bool close_after, beast::error_code ec) {
  busy_ = false;
  if (ec || close_after || shutting_down_) return close();
  first_request_ = false;
  do_read();
}

void Session::finish_request(int status) {
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  context_.services.metrics.record_request(route_, status, seconds);
  context_.access_log.write(
      AccessEntry{method_, path_, route_, subject_, remote_, status, seconds, bytes_sent_});
}

void Session::close() {
  if (closed_) return;
  closed_ = true;
  beast::error_code ec;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ec);
  stream_.socket().close(ec);
}

}  // namespace tinkr::server
