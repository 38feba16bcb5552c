// The CONNECT proxy: parse one request, connect to 127.0.0.1:<port>, answer 200, relay bytes.
#include "connect_proxy.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>

#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

namespace tinkr::fake_azure {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using beast::error_code;

}  // namespace

struct ConnectProxy::Impl : std::enable_shared_from_this<ConnectProxy::Impl> {
  asio::io_context ioc{1};
  tcp::acceptor acceptor{ioc};
  std::thread thread;
  std::atomic<uint64_t> tunnels{0};
  std::atomic<bool> refuse{false};
  mutable std::mutex mutex;
  std::vector<std::string> targets, authorizations;
  std::map<std::string, uint16_t> routes;  // "host:port" -> a port of 127.0.0.1
};

namespace {

struct Tunnel : std::enable_shared_from_this<Tunnel> {
  Tunnel(tcp::socket client, ConnectProxy::Impl& proxy)
      : client_(std::move(client)), upstream_(client_.get_executor()), proxy_(proxy) {}

  void start() {
    parser_.skip(true);
    bhttp::async_read_header(client_, buffer_, parser_,
                             [self = shared_from_this()](error_code ec, std::size_t) {
                               if (!ec)
                                 self->on_request();
                               else
                                 self->close();
                             });
  }

 private:
  void on_request() {
    const auto& request = parser_.get();
    std::string target(request.target());
    {
      std::lock_guard lock(proxy_.mutex);
      proxy_.targets.push_back(target);
      proxy_.authorizations.emplace_back(request[bhttp::field::proxy_authorization]);
    }
    auto colon = target.rfind(':');
    // Real sockets on 127.0.0.1 only: a tunnel anywhere else is refused, unless the test routed that
    // host name to a port of 127.0.0.1 (a vault name served by the fake Azure).
    std::optional<uint16_t> routed;
    {
      std::lock_guard lock(proxy_.mutex);
      if (auto it = proxy_.routes.find(target); it != proxy_.routes.end()) routed = it->second;
    }
    if (request.method() != bhttp::verb::connect || proxy_.refuse || colon == std::string::npos ||
        (!routed && target.substr(0, colon) != "127.0.0.1"))
      return answer("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", false);
    tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"),
                           routed ? *routed : static_cast<uint16_t>(std::stoi(target.substr(colon + 1))));
    upstream_.async_connect(endpoint, [self = shared_from_this()](error_code ec) {
      if (ec)
        return self->answer("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                            false);
      ++self->proxy_.tunnels;
      self->answer("HTTP/1.1 200 Connection Established\r\n\r\n", true);
    });
  }

  void answer(const char* text, bool open) {
    reply_ = text;
    asio::async_write(
        client_, asio::buffer(reply_), [self = shared_from_this(), open](error_code ec, std::size_t) {
          if (ec || !open) return self->close();
          if (self->buffer_.size() > 0) {  // bytes the client sent right after its CONNECT
            auto pending = std::make_shared<std::string>(beast::buffers_to_string(self->buffer_.data()));
            asio::async_write(self->upstream_, asio::buffer(*pending),
                              [self, pending](error_code, std::size_t) {});
          }
          self->pump(self->client_, self->upstream_, self->up_);
          self->pump(self->upstream_, self->client_, self->down_);
        });
  }

  void pump(tcp::socket& from, tcp::socket& to, std::array<char, 16384>& buffer) {
    from.async_read_some(asio::buffer(buffer),
                         [self = shared_from_this(), &from, &to, &buffer](error_code ec, std::size_t n) {
                           if (ec) return self->close();
                           asio::async_write(to, asio::buffer(buffer.data(), n),
                                             [self, &from, &to, &buffer](error_code ec, std::size_t) {
                                               if (ec) return self->close();
                                               self->pump(from, to, buffer);
                                             });
                         });
  }

  void close() {
    error_code ignored;
    client_.close(ignored);
    upstream_.close(ignored);
  }

  tcp::socket client_, upstream_;
  ConnectProxy::Impl& proxy_;
  beast::flat_buffer buffer_;
  bhttp::request_parser<bhttp::empty_body> parser_;
  std::string reply_;
  std::array<char, 16384> up_{}, down_{};
};

void accept(const std::shared_ptr<ConnectProxy::Impl>& proxy) {
  proxy->acceptor.async_accept([weak = std::weak_ptr(proxy)](error_code ec, tcp::socket socket) {
    auto self = weak.lock();
    if (ec || !self) return;
    std::make_shared<Tunnel>(std::move(socket), *self)->start();
    accept(self);
  });
}

}  // namespace

ConnectProxy::ConnectProxy() : impl_(std::make_shared<Impl>()) {
  impl_->acceptor.open(tcp::v4());
  impl_->acceptor.set_option(asio::socket_base::reuse_address(true));
  impl_->acceptor.bind(tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  impl_->acceptor.listen();
  accept(impl_);
  impl_->thread = std::thread([impl = impl_.get()] { impl->ioc.run(); });
}

ConnectProxy::~ConnectProxy() {
  impl_->ioc.stop();
  impl_->thread.join();
}

std::string ConnectProxy::url() const {
  return "http://127.0.0.1:" + std::to_string(port());
}
uint16_t ConnectProxy::port() const {
  return impl_->acceptor.local_endpoint().port();
}
uint64_t ConnectProxy::tunnels() const {
  return impl_->tunnels.load();
}
void ConnectProxy::route(const std::string& host_and_port, uint16_t local_port) {
  std::lock_guard lock(impl_->mutex);
  impl_->routes[host_and_port] = local_port;
}

void ConnectProxy::refuse_tunnels(bool refuse) {
  impl_->refuse = refuse;
}

std::vector<std::string> ConnectProxy::targets() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->targets;
}

std::vector<std::string> ConnectProxy::authorizations() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->authorizations;
}

}  // namespace tinkr::fake_azure
