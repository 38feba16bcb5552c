// One HTTP connection, on its own strand (Beast's async server shape): read a request under a
// deadline, route it, hand plugin work to the worker pool, write the reply (whole or as NDJSON
// chunks), honour keep-alive, and close idle connections when the server shuts down.
#pragma once

#include "server_context.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <optional>

namespace tinkr::server {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(boost::asio::ip::tcp::socket&& socket, ServerContext& context);
  ~Session();
  void start();
  /// From any thread: close now if idle, or after the reply in progress.
  void begin_shutdown();

  // Called from a worker thread by the job's output (see session.cpp).
  void post_response(Response response);
  bool post_chunk(std::string chunk, bool last);

 private:
  void do_read();
  void on_read_header(boost::beast::error_code ec);
  void on_read(boost::beast::error_code ec);
  void reject_and_drain(http::status status, const Error& error);
  void handle_request();
  void dispatch(Job job);
  void send(Response response);
  void on_sent(bool close, boost::beast::error_code ec);
  void write_next_chunk();
  void on_chunk_written(std::size_t size, bool last, boost::beast::error_code ec);
  void finish_request(int status);
  void drain(std::size_t remaining);
  void close();

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  ServerContext& context_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<Response> response_;
  std::string remote_;
  bool first_request_ = true;
  bool busy_ = false;  // between a request's last byte and its reply's
  bool shutting_down_ = false;
  bool closed_ = false;

  // The request being answered.
  std::chrono::steady_clock::time_point started_;
  std::string method_, path_, route_, subject_;
  unsigned version_ = 11;
  bool keep_alive_ = true;
  uint64_t bytes_sent_ = 0;
  CancelSource cancel_;

  // NDJSON streaming: chunks posted by the worker, written in order on the strand. pending_bytes_ is
  // what the worker has posted but the socket has not taken yet; the worker waits while it is large.
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

}  // namespace tinkr::server
