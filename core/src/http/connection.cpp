// The connection's steps (resolve, connect, CONNECT tunnel, TLS handshake, write, read) as Beast's
// async-ssl client example takes them, each run under a deadline on the connection's own io_context.
#include "http/connection.hpp"

#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <functional>
#include <vector>

#include "base/call_state.hpp"

namespace tinkr::http {
namespace {

namespace asio = boost::asio;
namespace ssl = asio::ssl;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using beast::error_code;

// How often a blocked step looks at the call's cancel flag.
constexpr auto kCancelPollSlice = std::chrono::milliseconds(20);
constexpr std::size_t kHeaderLimit = 64 * 1024;

enum class Wait { done, timed_out, cancelled };

bool is_reset(const error_code& ec) {
  return ec == asio::error::connection_reset || ec == asio::error::eof || ec == asio::error::broken_pipe ||
         ec == asio::error::connection_aborted || ec == ssl::error::stream_truncated ||
         ec == bhttp::error::end_of_stream;
}

std::string size_text(int64_t bytes) {
  if (bytes % (1 << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  return std::to_string(bytes) + " bytes";
}

TransportFailure failure(Error::Code code, std::string message, bool before_response = false,
                         bool reset = false) {
  bool retryable = reset || code == Error::Code::timeout;
  return TransportFailure{Error(code, std::move(message), Error::Source::upstream, retryable),
                          before_response, reset};
}

}  // namespace

struct Connection::Impl {
  asio::io_context ioc{1};
  tcp::resolver resolver{ioc};
  std::optional<ssl::stream<tcp::socket>> tls;
  std::optional<tcp::socket> plain;
  beast::flat_buffer buffer;
  std::string authority;  // host:port of the target, for messages
  bool broken = false;
  bool keep_alive = false;
  bool name_mismatch = false;
  bool is_head_request = false;
  // The answer being read: its parser lives from read_head to the body's end.
  std::optional<bhttp::response_parser<bhttp::buffer_body>> parser;
  uint64_t body_received = 0;
  error_code failed_after_data;  // a read's failure after it got bytes, told at the next read
  int64_t max_body = 0;

  tcp::socket& lowest() { return tls ? tls->next_layer() : *plain; }

  // Runs the operation started by start(done) until it sets done, the deadline passes or the call is
  // cancelled. On timeout or cancellation the socket is closed (the connection is then broken) and
  // the operation's handler still runs before this returns, so nothing refers to a dead frame.
  template <typename Start>
  Wait run(Start&& start, Clock::time_point deadline, const tinkr_cancel* cancel) {
    bool done = false;
    ioc.restart();
    start(done);
    while (!done) {
      Wait outcome = Wait::done;
      if (is_stopped(cancel)) outcome = Wait::cancelled;
      auto now = Clock::now();
      if (outcome == Wait::done && now >= deadline) outcome = Wait::timed_out;
      if (outcome != Wait::done) {
        // An operation that already finished is not thrown away: only unfinished work is cut short.
        if (ioc.stopped()) ioc.restart();
        ioc.poll();
        if (done) break;
        abort(done);
        return outcome;
      }
      if (ioc.stopped()) ioc.restart();
      ioc.run_for(std::min<Clock::duration>(deadline - now, kCancelPollSlice));
    }
    return Wait::done;
  }

  void abort(bool& done) {
    broken = true;
    error_code ignored;
    resolver.cancel();
    lowest().close(ignored);
    while (!done) {
      if (ioc.stopped()) ioc.restart();
      ioc.run();
    }
  }

  std::optional<TransportFailure> stopped(Wait wait, std::string_view step, const std::string& who) {
    if (wait == Wait::cancelled)
      return failure(Error::Code::cancelled, "request to " + who + " cancelled during " + std::string(step));
    if (wait == Wait::timed_out)
      return failure(Error::Code::timeout, "request to " + who + " timed out during " + std::string(step));
    return std::nullopt;
  }

  std::optional<TransportFailure> connect(const std::string& host, const std::string& port,
                                          const Deadlines& d, const std::string& who) {
    auto deadline = std::min(d.request, Clock::now() + d.connect_timeout);
    error_code ec;
    std::vector<tcp::endpoint> endpoints;
    Wait wait = Wait::done;
    // An IP literal needs no resolver (whose asynchronous form starts a thread per io_context).
    error_code not_literal;
    auto literal = asio::ip::make_address(host, not_literal);
    if (!not_literal) {
      endpoints.emplace_back(literal, static_cast<uint16_t>(std::stoul(port)));
    } else {
      wait = run(
          [&](bool& done) {
            resolver.async_resolve(host, port, tcp::resolver::numeric_service,
                                   [&](error_code e, tcp::resolver::results_type r) {
                                     ec = e, endpoints.assign(r.begin(), r.end()), done = true;
                                   });
          },
          deadline, d.cancel);
      if (auto f = stopped(wait, "name resolution", who)) return f;
    }
    if (ec) return failure(Error::Code::upstream_unavailable, "cannot resolve " + who + ": " + ec.message());
    wait = run(
        [&](bool& done) {
          asio::async_connect(lowest(), endpoints,
                              [&](error_code e, const tcp::endpoint&) { ec = e, done = true; });
        },
        deadline, d.cancel);
    if (auto f = stopped(wait, "connect", who)) return f;
    if (ec)
      return failure(Error::Code::upstream_unavailable, "connect to " + who + " failed: " + ec.message());
    lowest().set_option(tcp::no_delay(true), ec);
    // The body's reads take what has arrived and never block (read_body_on): the deadlines hold.
    lowest().non_blocking(true, ec);
    if (ec)
      return failure(Error::Code::internal,
                     "cannot make the socket to " + who + " non-blocking: " + ec.message());
    return std::nullopt;
  }

  std::optional<TransportFailure> tunnel(const ProxyEndpoint& proxy, const Deadlines& d) {
    std::string via = "proxy " + proxy.hostname + ":" + proxy.port;
    bhttp::request<bhttp::empty_body> request{bhttp::verb::connect, authority, 11};
    request.set(bhttp::field::host, authority);
    if (!proxy.authorization.empty()) request.set(bhttp::field::proxy_authorization, proxy.authorization);
    auto deadline = std::min(d.request, Clock::now() + d.connect_timeout);
    error_code ec;
    auto wait = run(
        [&](bool& done) {
          bhttp::async_write(lowest(), request, [&](error_code e, std::size_t) { ec = e, done = true; });
        },
        deadline, d.cancel);
    if (auto f = stopped(wait, "the CONNECT request to " + via, authority)) return f;
    if (ec)
      return failure(Error::Code::upstream_unavailable,
                     "CONNECT through " + via + " failed: " + ec.message());
    bhttp::response_parser<bhttp::empty_body> parser;
    parser.skip(true);  // a CONNECT answer has no body, whatever its headers say
    wait = run(
        [&](bool& done) {
          bhttp::async_read(lowest(), buffer, parser,
                            [&](error_code e, std::size_t) { ec = e, done = true; });
        },
        deadline, d.cancel);
    if (auto f = stopped(wait, "the CONNECT answer from " + via, authority)) return f;
    if (ec)
      return failure(Error::Code::upstream_unavailable,
                     "CONNECT through " + via + " failed: " + ec.message());
    if (parser.get().result_int() != 200)
      return failure(Error::Code::upstream_unavailable, via + " refused the tunnel to " + authority +
                                                            ": HTTP " +
                                                            std::to_string(parser.get().result_int()));
    if (buffer.size() != 0)
      return failure(Error::Code::upstream_unavailable, via + " sent data before the TLS handshake");
    return std::nullopt;
  }

  std::optional<TransportFailure> handshake(const Url& url, const Deadlines& d) {
    std::string host = url.hostname;
    tls->set_verify_callback([this, host](bool preverified, ssl::verify_context& context) {
      bool ok = ssl::host_name_verification(host)(preverified, context);
      if (preverified && !ok) name_mismatch = true;
      return ok;
    });
    // SNI carries names only, never IP literals (RFC 6066, section 3).
    if (!url.host_is_ip && !SSL_set_tlsext_host_name(tls->native_handle(), host.c_str()))
      return failure(Error::Code::internal, "cannot set the TLS server name for " + authority);
    error_code ec;
    auto deadline = std::min(d.request, Clock::now() + d.connect_timeout);
    auto wait = run(
        [&](bool& done) {
          tls->async_handshake(ssl::stream_base::client, [&](error_code e) { ec = e, done = true; });
        },
        deadline, d.cancel);
    if (auto f = stopped(wait, "the TLS handshake", authority)) return f;
    if (!ec) return std::nullopt;
    std::string reason = ec.message();
    if (name_mismatch) {
      reason = "the server's certificate is not valid for '" + host + "'";
    } else if (long verify = SSL_get_verify_result(tls->native_handle()); verify != X509_V_OK) {
      reason = std::string("certificate verify failed: ") + X509_verify_cert_error_string(verify) +
               " (is the right CA in ca_file or the system store?)";
    }
    return failure(Error::Code::upstream_unavailable,
                   "TLS handshake with " + authority + " failed: " + reason, false, is_reset(ec));
  }

  // Calls f with the stream the connection speaks: TLS or plain TCP.
  template <typename F>
  auto with_stream(F&& f) {
    return tls ? f(*tls) : f(*plain);
  }

  TransportFailure too_large() {
    broken = true;
    return failure(Error::Code::upstream_unavailable,
                   "response from " + authority + " exceeds the " + size_text(max_body) + " limit");
  }

  template <typename Stream>
  TransportExpected<void> write_on(Stream& stream, const Request& request, const Deadlines& d);
  template <typename Stream>
  TransportExpected<Response> read_head_on(Stream& stream, const Deadlines& d, int64_t max_bytes);
  template <typename Stream>
  TransportExpected<std::size_t> read_body_on(Stream& stream, char* out, std::size_t capacity,
                                              const Deadlines& d);
};

namespace {
Clock::time_point step_deadline(const Deadlines& d) {
  return std::min(d.request, Clock::now() + d.read_timeout);
}
}  // namespace

Connection::Connection(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Connection::~Connection() = default;

bool Connection::is_reusable() const noexcept {
  return !impl_->broken && impl_->keep_alive;
}

TransportExpected<std::unique_ptr<Connection>> Connection::open(const Endpoint& endpoint,
                                                                const Deadlines& d) {
  auto impl = std::make_unique<Impl>();
  impl->authority = endpoint.url.authority();
  if (endpoint.tls)
    impl->tls.emplace(impl->ioc, *endpoint.tls);
  else
    impl->plain.emplace(impl->ioc);
  if (endpoint.proxy) {
    auto& p = *endpoint.proxy;
    if (auto f = impl->connect(p.hostname, p.port, d, "proxy " + p.hostname + ":" + p.port))
      return tl::unexpected(*f);
    if (auto f = impl->tunnel(p, d)) return tl::unexpected(*f);
  } else if (auto f = impl->connect(endpoint.url.hostname, endpoint.url.port, d, impl->authority)) {
    return tl::unexpected(*f);
  }
  if (impl->tls)
    if (auto f = impl->handshake(endpoint.url, d)) return tl::unexpected(*f);
  return std::unique_ptr<Connection>(new Connection(std::move(impl)));
}

TransportExpected<void> Connection::write_request(const Request& request, const Deadlines& d) {
  impl_->keep_alive = false;
  impl_->parser.reset();
  return impl_->with_stream([&](auto& stream) { return impl_->write_on(stream, request, d); });
}

TransportExpected<Response> Connection::read_head(const Deadlines& d, int64_t max_bytes) {
  return impl_->with_stream([&](auto& stream) { return impl_->read_head_on(stream, d, max_bytes); });
}

TransportExpected<std::size_t> Connection::read_body(char* buffer, std::size_t capacity, const Deadlines& d) {
  if (body_done()) return 0;
  return impl_->with_stream([&](auto& stream) { return impl_->read_body_on(stream, buffer, capacity, d); });
}

bool Connection::body_done() const noexcept {
  return !impl_->parser || impl_->parser->is_done();
}

template <typename Stream>
TransportExpected<void> Connection::Impl::write_on(Stream& stream, const Request& request,
                                                   const Deadlines& d) {
  bhttp::request<bhttp::string_body> message{bhttp::string_to_verb(request.method), "", 11};
  // parse_url gave it; re-parsing keeps Connection independent of the caller's bookkeeping.
  auto url = parse_url(request.url);
  message.target(url->target);
  bool default_port =
      (url->scheme == "https" && url->port == "443") || (url->scheme == "http" && url->port == "80");
  message.set(bhttp::field::host, default_port
                                      ? (url->host_is_ip && url->hostname.find(':') != std::string::npos
                                             ? "[" + url->hostname + "]"
                                             : url->hostname)
                                      : authority);
  message.set(bhttp::field::user_agent, "tinkr/" TINKR_VERSION);
  for (const auto& header : request.headers) message.insert(header.name, header.value);
  message.body() = request.body;
  if (!request.body.empty() || message.method() == bhttp::verb::post ||
      message.method() == bhttp::verb::put || message.method() == bhttp::verb::patch)
    message.prepare_payload();
  is_head_request = message.method() == bhttp::verb::head;

  error_code ec;
  auto wait = run(
      [&](bool& done) {
        bhttp::async_write(stream, message, [&](error_code e, std::size_t) { ec = e, done = true; });
      },
      step_deadline(d), d.cancel);
  if (auto f = stopped(wait, "write", authority)) return tl::unexpected(*f);
  if (ec) {
    broken = true;
    return tl::unexpected(failure(Error::Code::upstream_unavailable,
                                  "sending the request to " + authority + " failed: " + ec.message(), true,
                                  is_reset(ec)));
  }
  return {};
}

template <typename Stream>
TransportExpected<Response> Connection::Impl::read_head_on(Stream& stream, const Deadlines& d,
                                                           int64_t max_bytes) {
  parser.emplace();
  failed_after_data = {};
  parser->header_limit(kHeaderLimit);
  parser->body_limit(static_cast<uint64_t>(max_bytes));
  if (is_head_request) parser->skip(true);
  max_body = max_bytes;
  body_received = 0;
  error_code ec;
  auto wait = run(
      [&](bool& done) {
        bhttp::async_read_header(stream, buffer, *parser,
                                 [&](error_code e, std::size_t) { ec = e, done = true; });
      },
      step_deadline(d), d.cancel);
  if (auto f = stopped(wait, "read", authority)) return tl::unexpected(*f);
  if (ec == bhttp::error::body_limit) return tl::unexpected(too_large());
  if (ec) {
    broken = true;
    bool nothing = !parser->got_some();
    return tl::unexpected(failure(Error::Code::upstream_unavailable,
                                  "reading the answer from " + authority + " failed: " + ec.message(),
                                  nothing, is_reset(ec)));
  }
  Response response;
  response.status = static_cast<int>(parser->get().result_int());
  for (const auto& field : parser->get())
    response.headers.push_back({std::string(field.name_string()), std::string(field.value())});
  if (parser->is_done()) keep_alive = parser->get().keep_alive();
  return response;
}

template <typename Stream>
TransportExpected<std::size_t> Connection::Impl::read_body_on(Stream& stream, char* out, std::size_t capacity,
                                                              const Deadlines& d) {
  auto& body = parser->get().body();
  std::size_t filled = 0;
  error_code ec = std::exchange(failed_after_data, {});
  // What has already arrived is read at once, without the event loop (the socket does not block, so
  // a read ends at the bytes at hand): through the loop, each 16 KB TLS record cost a few dozen
  // handler runs and a poll of the socket each, more than decrypting the record.
  auto read_arrived = [&] {
    while (!ec && !parser->is_done() && filled < capacity) {
      body.data = out + filled;
      body.size = capacity - filled;
      bhttp::read_some(stream, buffer, *parser, ec);
      filled = capacity - body.size;
      if (ec == bhttp::error::need_buffer) ec = {};
    }
    if (ec == asio::error::would_block || ec == asio::error::try_again) ec = {};
  };
  read_arrived();
  if (!ec && filled == 0 && !parser->is_done()) {
    // Nothing of the body yet: wait for it under the deadline (a chunk's header alone waits on, or 0
    // would read as the end), then take whatever else came with it.
    std::function<void(bool&)> wait_for_body = [&](bool& done) {
      body.data = out;
      body.size = capacity;
      bhttp::async_read_some(stream, buffer, *parser, [&](error_code e, std::size_t) {
        if (e == bhttp::error::need_buffer) e = {};
        filled = capacity - body.size;
        if (e || parser->is_done() || filled > 0) {
          ec = e;
          done = true;
          return;
        }
        wait_for_body(done);
      });
    };
    auto wait = run(wait_for_body, step_deadline(d), d.cancel);
    if (auto f = stopped(wait, "read", authority)) return tl::unexpected(*f);
    read_arrived();
  }
  body_received += filled;
  if (ec && filled > 0) {
    // The bytes that came before the failure are the caller's first; the failure is the next read's.
    failed_after_data = ec;
    broken = true;
    return filled;
  }
  if (ec == bhttp::error::body_limit) return tl::unexpected(too_large());
  if (ec) {
    broken = true;
    bool cut = ec == bhttp::error::partial_message || is_reset(ec);
    return tl::unexpected(failure(Error::Code::upstream_unavailable,
                                  cut ? "response from " + authority + " was cut short after " +
                                            std::to_string(body_received) + " bytes of body"
                                      : "reading the answer from " + authority + " failed: " + ec.message(),
                                  false, false));
  }
  if (parser->is_done()) keep_alive = parser->get().keep_alive();
  return filled;
}

}  // namespace tinkr::http
