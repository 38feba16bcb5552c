// The floor for tinkr-server's throughput (bench/hosts/run_server_bench.sh): Beast's asynchronous
// HTTP/1.1 server shape with nothing else. One io_context run by THREADS threads, a session per
// connection reading requests with keep-alive, and every request answered 200 with the same bytes:
// BODY_FILE, which the bench script fills with tinkr-server's own answer to the same request, so that
// both servers send the same body of the same size. No routing, no auth, no backend, no logging.
//
// usage: bare_beast_server BODY_FILE [THREADS=2]
// Prints "bare-beast-server: listening on http://127.0.0.1:PORT" once it accepts (port chosen by the OS).
#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, const std::string& body) : stream_(std::move(socket)), body_(body) {}

  void start() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read(); });
  }

 private:
  void read() {
    request_ = {};
    stream_.expires_after(std::chrono::seconds(30));
    http::async_read(stream_, buffer_, request_,
                     [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    if (ec) return close();
    response_ = {http::status::ok, request_.version()};
    response_.set(http::field::content_type, "application/json");
    response_.keep_alive(request_.keep_alive());
    response_.body() = {body_.data(), body_.size()};
    response_.prepare_payload();
    http::async_write(stream_, response_,
                      [self = shared_from_this()](beast::error_code write_ec, std::size_t) {
                        if (write_ec || !self->response_.keep_alive()) return self->close();
                        self->read();
                      });
  }

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> request_;
  http::response<http::span_body<const char>> response_;
  const std::string& body_;
};

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(net::io_context& io, const std::string& body)
      : io_(io), acceptor_(net::make_strand(io)), body_(body) {
    const tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), 0);
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(net::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(net::socket_base::max_listen_connections);
  }

  unsigned short port() const { return acceptor_.local_endpoint().port(); }

  void accept() {
    acceptor_.async_accept(net::make_strand(io_),
                           [self = shared_from_this()](beast::error_code ec, tcp::socket socket) {
                             if (!ec) std::make_shared<Session>(std::move(socket), self->body_)->start();
                             self->accept();
                           });
  }

 private:
  net::io_context& io_;
  tcp::acceptor acceptor_;
  const std::string& body_;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: bare_beast_server BODY_FILE [THREADS=2]\n";
    return 2;
  }
  std::ifstream file(argv[1], std::ios::binary);
  if (!file) {
    std::cerr << "bare_beast_server: cannot read " << argv[1] << '\n';
    return 1;
  }
  const std::string body{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
  const int threads = argc > 2 ? std::max(1, std::stoi(argv[2])) : 2;

  net::io_context io(threads);
  auto listener = std::make_shared<Listener>(io, body);
  listener->accept();
  net::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&io](beast::error_code, int) { io.stop(); });
  std::cout << "bare-beast-server: listening on http://127.0.0.1:" << listener->port() << std::endl;

  std::vector<std::thread> runners;
  for (int i = 1; i < threads; ++i) runners.emplace_back([&io] { io.run(); });
  io.run();
  for (auto& runner : runners) runner.join();
  return 0;
}
