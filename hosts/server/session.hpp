// One HTTP connection, on its own strand (Beast's async server shape; the I/O thread's implicit
// strand when there is one, see listener.cpp): read a request under a deadline, route it, hand plugin work to
// the worker pool, write the reply (whole or as NDJSON chunks), honour keep-alive, and close idle connections
// when the server shuts down. While a query runs it watches the socket: a client that leaves cancels its
// query. A HEAD reply is the head alone; a 4xx reply closes the connection.
//
// The session is a template on its stream so that unit tests drive it over Beast's test stream, with
// no socket (tests/unit/hosts/server/session_test.cpp): the few operations that need a real socket
// (deadlines, half-close, watching for the client leaving) go through StreamOps<Stream>. The server
// uses Session, the TCP instance, defined in session.cpp; session_impl.hpp holds the definitions.
#pragma once

#include "server_context.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <optional>

namespace tinkr::server {

/// What the registry holds of a session, whatever its stream.
class SessionControl {
 public:
  virtual ~SessionControl() = default;
  /// From any thread: close now if idle, or after the reply in progress.
  virtual void begin_shutdown() = 0;
  /// From any thread (the registry, at the connection cap): claims this session for closing if it is
  /// waiting for a request; false when it is busy with one or already claimed.
  virtual bool try_evict() = 0;
  /// After a successful try_evict(): closes the connection on its strand.
  virtual void close_evicted() = 0;
};

/// The stream's own operations a session needs: expires_after(stream, duration), remote_address(stream),
/// shutdown_send(stream) (the client sees the end after the bytes sent), close(stream), and
/// watch_readable(stream, handler) with peek(stream) -> PeerState, which tell a client that left from
/// one that sent more. Specialised for TCP in session.cpp (and for the test stream in the tests).
template <class Stream>
struct StreamOps;

enum class PeerState { sent_more, nothing_yet, gone };

template <class Stream>
class BasicSession final : public SessionControl, public std::enable_shared_from_this<BasicSession<Stream>> {
 public:
  BasicSession(Stream&& stream, ServerContext& context);
  ~BasicSession() override;
  void start();
  /// Instead of start(), when every connection is busy at the cap: a 503 with Retry-After, then close.
  void refuse(std::size_t max_connections);
  void begin_shutdown() override;
  bool try_evict() override;
  void close_evicted() override;

  // Called from a worker thread by the job's output (see session.cpp).
  void post_response(Response response);
  bool post_chunk(std::string chunk, bool last);

 private:
  void do_read();
  void on_read_header(boost::beast::error_code ec);
  void on_read(boost::beast::error_code ec);
  /// After the head: parses what of the body is buffered already; true when the request is complete
  /// (or ec says why it cannot be), false when the rest must be read.
  bool parse_buffered_body(boost::beast::error_code& ec);
  /// A failed read answered (413 or 400 naming the cause) or closed quietly; false when ec is success.
  bool ended_by_read_error(boost::beast::error_code ec);
  void reject_and_drain(http::status status, const Error& error);
  void handle_request();
  void dispatch(Job job);
  void watch_for_departure(uint64_t request);
  void client_departed();
  void send(Response response);
  void on_sent(bool close, boost::beast::error_code ec);
  void write_next_chunk();
  void on_chunk_written(std::size_t size, bool last, boost::beast::error_code ec);
  void finish_request(int status);
  void close_after_error(std::size_t unread);
  void drain(std::size_t remaining, std::chrono::steady_clock::time_point give_up);
  void close();

  using Ops = StreamOps<Stream>;
  Stream stream_;
  boost::beast::flat_buffer buffer_;
  ServerContext& context_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<Response> response_;
  std::string remote_;
  bool first_request_ = true;
  bool busy_ = false;  // between a request's last byte and its reply's
  // waiting (for a request: may be evicted) -> busy (from its first byte to its reply) -> waiting...,
  // or evicted, from which there is no way back. Atomic: the registry claims from the accept thread.
  enum State : int { waiting, working, evicted };
  std::atomic<int> state_{waiting};
  bool shutting_down_ = false;
  bool closed_ = false;

  // The request being answered.
  std::chrono::steady_clock::time_point started_;
  std::string method_, path_, route_, subject_;
  unsigned version_ = 11;
  bool keep_alive_ = true;
  bool head_only_ = false;  // a HEAD request: the reply's head is sent, never its body
  bool logged_ = false;     // the request's access-log line is written (once, however it ends)
  uint64_t bytes_sent_ = 0;
  CancelSource cancel_;
  uint64_t request_serial_ = 0;  // tells a stale departure watch from the current one
  bool awaiting_reply_ = false;  // a job runs for this request and its reply has not been sent
  std::shared_ptr<http::response_serializer<http::string_body>> head_only_serializer_;

  // A reply in chunks (NDJSON, or a big JSON answer): chunks posted by the worker, written in order on
  // the strand. pending_bytes_ is what the worker has posted but the socket has not taken yet; the
  // worker waits while it is large.
  const char* chunked_type_ = "application/x-ndjson";  // the chunked reply's Content-Type
  std::deque<std::pair<std::string, bool>> chunks_;
  bool writing_chunk_ = false;
  bool head_sent_ = false;
  std::shared_ptr<http::response<http::empty_body>> stream_head_;
  std::shared_ptr<http::response_serializer<http::empty_body>> head_serializer_;
  std::shared_ptr<std::string> current_chunk_;
  std::mutex flow_mutex_;
  std::condition_variable flow_;
  std::size_t pending_bytes_ = 0;
  bool client_gone_ = false;

  std::array<char, 16 * 1024> scratch_{};
};

/// A connection of the server: a session over TCP.
using Session = BasicSession<boost::beast::tcp_stream>;
extern template class BasicSession<boost::beast::tcp_stream>;

}  // namespace tinkr::server
