// The fake Azure's sockets: an HTTPS and a plain-HTTP listener on 127.0.0.1, one session per
// connection (Beast's async server shape), all on one server thread.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <unistd.h>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "certificates.hpp"
#include "gzip.hpp"
#include "query_statistics.hpp"
#include "state.hpp"

namespace tinkr::fake_azure {
namespace {

namespace asio = boost::asio;
namespace ssl = asio::ssl;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using beast::error_code;
using StatePtr = std::shared_ptr<FakeAzure::State>;

std::shared_ptr<ssl::context> server_context(const KeyAndCertificate& leaf) {
  auto context = std::make_shared<ssl::context>(ssl::context::tls_server);
  context->use_certificate_chain(asio::buffer(leaf.certificate_pem));
  context->use_private_key(asio::buffer(leaf.key_pem), ssl::context::pem);
  return context;
}

template <typename Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
 public:
  static constexpr bool kIsTls = !std::is_same_v<Stream, tcp::socket>;

  Session(Stream stream, StatePtr state, uint64_t id)
      : stream_(std::move(stream)), state_(std::move(state)), id_(id) {}

  void start() {
    if constexpr (kIsTls) {
      stream_.async_handshake(ssl::stream_base::server, [self = this->shared_from_this()](error_code ec) {
        if (ec) return self->close();
        ++self->state_->tls_handshakes;
        self->do_read();
      });
    } else {
      do_read();
    }
  }

 private:
  void do_read() {
    parser_.emplace();
    parser_->body_limit(64u << 20);
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = this->shared_from_this()](error_code ec, std::size_t) { self->on_read(ec); });
  }

  void on_read(error_code ec) {
    if (ec) return close();
    const auto& message = parser_->get();
    RecordedRequest request;
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    auto question = request.target.find('?');
    request.path = percent_decode(std::string_view(request.target).substr(0, question), false);
    if (question != std::string::npos) request.query = request.target.substr(question + 1);
    for (const auto& field : message) request.headers.emplace_back(field.name_string(), field.value());
    request.body = message.body();
    request.tls = kIsTls;
    request.connection_id = id_;
    request.route = classify(request.method, request.path);
    FakeResponse response;
    try {
      response = state_->answer(request);
    } catch (const std::exception& e) {
      response = FakeResponse::json(
          500, std::string("{\"error\":{\"code\":\"FakeAzureBug\",\"message\":\"") + e.what() + "\"}}");
    }
    add_query_statistics(request, response);
    if (state_->options.serve_gzip && accepts_gzip(request.header("Accept-Encoding"))) compress(response);
    {
      std::lock_guard lock(state_->mutex);
      state_->requests.push_back(std::move(request));
    }
    switch (response.fault) {
      case Fault::close_without_response:
        return close();
      case Fault::truncate_body:
        return write_truncated(std::move(response));
      case Fault::hold:
        return hold(std::move(response));
      case Fault::pause_midway:
        return write_in_two_halves(std::move(response));
      case Fault::none:
        return write(std::move(response), message.keep_alive());
    }
  }

  // What Azure does for a client that accepts gzip; faults then cut or pause the compressed body.
  void compress(FakeResponse& response) {
    if (response.body.empty()) return;
    for (const auto& [name, value] : response.headers)
      if (beast::iequals(name, "Content-Encoding")) return;  // the test made this body itself
    response.body = gzip(response.body);
    response.headers.emplace_back("Content-Encoding", "gzip");
    response.headers.emplace_back("Vary", "Accept-Encoding");
    ++state_->gzip_answers;
  }

  void write(FakeResponse response, bool keep_alive) {
    auto message = std::make_shared<bhttp::response<bhttp::string_body>>(
        static_cast<bhttp::status>(response.status), 11);
    bool has_type = false;
    for (auto& [name, value] : response.headers) {
      has_type = has_type || beast::iequals(name, "Content-Type");
      keep_alive = keep_alive && !(beast::iequals(name, "Connection") && beast::iequals(value, "close"));
      message->insert(name, value);
    }
    if (!has_type) message->set(bhttp::field::content_type, "application/json; charset=utf-8");
    message->body() = std::move(response.body);
    message->keep_alive(keep_alive);
    message->prepare_payload();
    bhttp::async_write(stream_, *message,
                       [self = this->shared_from_this(), message](error_code ec, std::size_t) {
                         if (ec || !message->keep_alive()) return self->close();
                         self->do_read();
                       });
  }

  // The status line and headers of a response written by hand, promising the whole body.
  static std::string raw_head(const FakeResponse& response) {
    std::string raw = "HTTP/1.1 " + std::to_string(response.status) + " Fake\r\n";
    for (auto& [name, value] : response.headers) raw += name + ": " + value + "\r\n";
    return raw + "Content-Length: " + std::to_string(response.body.size()) + "\r\nConnection: close\r\n\r\n";
  }

  // Promises the whole body, sends half of it and closes without a TLS close_notify.
  void write_truncated(FakeResponse response) {
    auto raw =
        std::make_shared<std::string>(raw_head(response) + response.body.substr(0, response.body.size() / 2));
    asio::async_write(stream_, asio::buffer(*raw),
                      [self = this->shared_from_this(), raw](error_code, std::size_t) { self->close(); });
  }

  // Sends the head and the first half of the body, holds the second half until release_held(), then
  // sends it and closes.
  void write_in_two_halves(FakeResponse response) {
    const std::size_t half = response.body.size() / 2;
    auto first = std::make_shared<std::string>(raw_head(response) + response.body.substr(0, half));
    auto second = std::make_shared<std::string>(response.body.substr(half));
    asio::async_write(stream_, asio::buffer(*first),
                      [self = this->shared_from_this(), first, second](error_code ec, std::size_t) {
                        if (ec) return self->close();
                        self->hold_until_released([second](Session& me) {
                          asio::async_write(
                              me.stream_, asio::buffer(*second),
                              [me = me.shared_from_this(), second](error_code, std::size_t) { me->close(); });
                        });
                      });
  }

  // Keeps the response until release_held(); a read that completes meanwhile means the client left.
  void hold(FakeResponse response) {
    auto shared_response = std::make_shared<FakeResponse>(std::move(response));
    hold_until_released([shared_response](Session& me) { me.write(std::move(*shared_response), false); });
  }

  // Runs send on the server's thread once the test calls release_held(). Until then a pending read
  // keeps the session alive and notices a client that goes away.
  void hold_until_released(std::function<void(Session&)> send) {
    std::weak_ptr<Session> weak = this->shared_from_this();
    {
      std::lock_guard lock(state_->mutex);
      state_->held[id_] = [weak, send = std::move(send), executor = stream_.get_executor()] {
        asio::post(executor, [weak, send] {
          if (auto self = weak.lock()) send(*self);
        });
      };
    }
    state_->held_changed.notify_all();
    stream_.async_read_some(
        asio::buffer(&probe_, 1), [self = this->shared_from_this()](error_code ec, std::size_t) {
          if (!ec)
            return;  // a pipelined request while held: ignored, the connection closes after the response
          {
            std::lock_guard lock(self->state_->mutex);
            self->state_->held.erase(self->id_);
          }
          self->state_->held_changed.notify_all();
          self->close();
        });
  }

  void close() {
    error_code ignored;
    beast::get_lowest_layer(stream_).close(ignored);
  }

  Stream stream_;
  StatePtr state_;
  uint64_t id_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  char probe_ = 0;
};

std::string write_temp_file(const std::string& text) {
  std::string pattern = (std::filesystem::temp_directory_path() / "tinkr-fake-azure-ca-XXXXXX.pem").string();
  int fd = mkstemps(pattern.data(), 4);
  if (fd < 0) throw std::runtime_error("fake azure: cannot create a temporary CA file");
  ::close(fd);
  std::ofstream(pattern, std::ios::binary) << text;
  return pattern;
}

}  // namespace

struct FakeAzure::Runtime {
  std::shared_ptr<ssl::context> trusted, untrusted, wrong_name;
  asio::io_context ioc{1};
  tcp::acceptor https{ioc}, http{ioc};
  std::thread thread;

  void listen(tcp::acceptor& acceptor) {
    acceptor.open(tcp::v4());
    acceptor.set_option(asio::socket_base::reuse_address(true));
    acceptor.bind(tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    acceptor.listen();
  }

  void accept(tcp::acceptor& acceptor, bool tls, StatePtr state) {
    acceptor.async_accept([this, &acceptor, tls, state](error_code ec, tcp::socket socket) {
      if (ec) return;  // closed: the server is stopping
      uint64_t id = ++state->connections;
      error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);
      if (tls) {
        auto mode = state->tls_mode.load();
        auto& context = mode == TlsMode::untrusted_ca      ? *untrusted
                        : mode == TlsMode::wrong_host_name ? *wrong_name
                                                           : *trusted;
        std::make_shared<Session<ssl::stream<tcp::socket>>>(
            ssl::stream<tcp::socket>(std::move(socket), context), state, id)
            ->start();
      } else {
        std::make_shared<Session<tcp::socket>>(std::move(socket), state, id)->start();
      }
      accept(acceptor, tls, state);
    });
  }
};

FakeAzure::FakeAzure(Options options)
    : state_(std::make_shared<State>()), runtime_(std::make_unique<Runtime>()) {
  state_->options = std::move(options);
  auto ca = make_certificate_authority("tinkr fake azure test CA");
  auto other_ca = make_certificate_authority("tinkr fake azure UNTRUSTED CA");
  std::string names = "IP:127.0.0.1,DNS:localhost";
  for (const auto& name : state_->options.server_names) names += ",DNS:" + name;
  runtime_->trusted = server_context(make_server_certificate(ca, names));
  runtime_->untrusted = server_context(make_server_certificate(other_ca, "IP:127.0.0.1,DNS:localhost"));
  runtime_->wrong_name = server_context(make_server_certificate(ca, "DNS:wrong-host.example"));
  state_->ca_file = write_temp_file(ca.certificate_pem);
  runtime_->listen(runtime_->https);
  runtime_->listen(runtime_->http);
  state_->https_base = https_url();
  runtime_->accept(runtime_->https, true, state_);
  runtime_->accept(runtime_->http, false, state_);
  runtime_->thread = std::thread([this] { runtime_->ioc.run(); });
}

FakeAzure::~FakeAzure() {
  {
    std::lock_guard lock(state_->mutex);
    state_->held.clear();
  }
  runtime_->ioc.stop();
  if (runtime_->thread.joinable()) runtime_->thread.join();
  std::error_code ignored;
  std::filesystem::remove(state_->ca_file, ignored);
}

uint16_t FakeAzure::https_port() const {
  return runtime_->https.local_endpoint().port();
}
uint16_t FakeAzure::http_port() const {
  return runtime_->http.local_endpoint().port();
}
std::string FakeAzure::https_url() const {
  return "https://127.0.0.1:" + std::to_string(https_port());
}
std::string FakeAzure::http_url() const {
  return "http://127.0.0.1:" + std::to_string(http_port());
}
const std::string& FakeAzure::ca_file() const {
  return state_->ca_file;
}
const Options& FakeAzure::options() const {
  return state_->options;
}

void FakeAzure::push_response(Route route, FakeResponse response) {
  std::lock_guard lock(state_->mutex);
  state_->queued[route].push_back(std::move(response));
}

void FakeAzure::on_request(std::function<std::optional<FakeResponse>(const RecordedRequest&)> handler) {
  std::lock_guard lock(state_->mutex);
  state_->request_handlers.push_back(std::move(handler));
}

void FakeAzure::on_query(std::function<std::optional<FakeResponse>(std::string_view)> handler) {
  std::lock_guard lock(state_->mutex);
  state_->query_handlers.push_back(std::move(handler));
}

void FakeAzure::set_tls_mode(TlsMode mode) {
  state_->tls_mode = mode;
}

void FakeAzure::release_held() {
  std::map<uint64_t, std::function<void()>> held;
  {
    std::lock_guard lock(state_->mutex);
    held.swap(state_->held);
  }
  for (auto& [id, send] : held) send();
  state_->held_changed.notify_all();
}

bool FakeAzure::wait_for_held(std::size_t count, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(state_->mutex);
  return state_->held_changed.wait_for(lock, timeout, [&] { return state_->held.size() >= count; });
}

std::size_t FakeAzure::held_count() const {
  std::lock_guard lock(state_->mutex);
  return state_->held.size();
}

std::string FakeAzure::issue_token(std::string_view audience) {
  return "fake-token." + audience_of(audience) + "." + std::to_string(++state_->tokens_issued);
}

void FakeAzure::reset_counters() {
  std::lock_guard lock(state_->mutex);
  state_->requests.clear();
  state_->token_requests.clear();
  state_->tls_handshakes = 0;
}

std::vector<RecordedRequest> FakeAzure::requests() const {
  std::lock_guard lock(state_->mutex);
  return state_->requests;
}

std::vector<RecordedRequest> FakeAzure::requests(Route route) const {
  std::lock_guard lock(state_->mutex);
  std::vector<RecordedRequest> out;
  for (const auto& r : state_->requests)
    if (route == Route::any || r.route == route) out.push_back(r);
  return out;
}

uint64_t FakeAzure::tls_handshakes() const {
  return state_->tls_handshakes.load();
}
uint64_t FakeAzure::connections_accepted() const {
  return state_->connections.load();
}
uint64_t FakeAzure::gzip_answers() const {
  return state_->gzip_answers.load();
}

uint64_t FakeAzure::token_requests(std::string_view scope_or_resource) const {
  std::lock_guard lock(state_->mutex);
  auto it = state_->token_requests.find(audience_of(scope_or_resource));
  return it == state_->token_requests.end() ? 0 : it->second;
}

uint64_t FakeAzure::token_requests_total() const {
  std::lock_guard lock(state_->mutex);
  uint64_t total = 0;
  for (const auto& [audience, count] : state_->token_requests) total += count;
  return total;
}

}  // namespace tinkr::fake_azure
