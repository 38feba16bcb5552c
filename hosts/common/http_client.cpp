// The blocking Beast client of http_client.hpp.
#include "common/http_client.hpp"
#include <tinkr/text.hpp>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>

#include <sys/socket.h>
#include <sys/time.h>

#include <algorithm>
#include <cctype>

namespace tinkr::host {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

// Blocking Asio calls ignore stream deadlines, so the socket's own timeouts bound each read and write.
void set_socket_timeouts(tcp::socket& socket, std::chrono::milliseconds timeout) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

Error transport_error(const HttpEndpoint& endpoint, std::string_view step,
                      const boost::system::error_code& ec) {
  const bool timed_out =
      ec == asio::error::would_block || ec == asio::error::try_again || ec == asio::error::timed_out;
  return Error(timed_out ? Error::Code::timeout : Error::Code::upstream_unavailable,
               "tinkr-server " + endpoint.hostname + ":" + endpoint.port + ": " + std::string(step) + ": " +
                   (timed_out ? std::string("no reply in time") : ec.message()),
               Error::Source::upstream, !timed_out);
}

}  // namespace

Expected<HttpEndpoint> parse_server_url(std::string_view url) {
  auto parsed = boost::urls::parse_uri(url);
  // Credentials in the URL would be sent nowhere (the key goes in TINKR_TOKEN) and would show in
  // process lists and shell history: refused, and the URL is not echoed, since it holds them.
  if (parsed && parsed->has_userinfo())
    return fail(Error::Code::config,
                "--server: the URL holds a user name or password, which tinkr does not send; give "
                "http://HOST[:PORT][/PATH] and the API key in TINKR_TOKEN");
  if (!parsed || parsed->scheme() != "http" || parsed->host().empty() || parsed->has_query() ||
      parsed->has_fragment())
    return fail(Error::Code::config,
                "--server '" + std::string(url) + "': expected http://HOST[:PORT][/PATH]");
  HttpEndpoint endpoint;
  endpoint.hostname = parsed->host();
  endpoint.port = parsed->has_port() ? std::string(parsed->port()) : "80";
  endpoint.base_path = parsed->path();
  while (!endpoint.base_path.empty() && endpoint.base_path.back() == '/') endpoint.base_path.pop_back();
  return endpoint;
}

Expected<HttpReply> http_call(const HttpEndpoint& endpoint, const HttpCall& call,
                              const std::function<bool(std::string_view)>& on_body) {
  asio::io_context io;
  tcp::resolver resolver(io);
  boost::system::error_code ec;
  const auto addresses =
      resolver.resolve(endpoint.hostname, endpoint.port, tcp::resolver::numeric_service, ec);
  if (ec) return Unexpected(transport_error(endpoint, "resolve", ec));
  tcp::socket socket(io);
  asio::connect(socket, addresses, ec);
  if (ec) return Unexpected(transport_error(endpoint, "connect", ec));
  set_socket_timeouts(socket, call.timeout);

  http::request<http::string_body> request{http::string_to_verb(call.method),
                                           endpoint.base_path + call.target, 11};
  request.set(http::field::host, endpoint.hostname + ":" + endpoint.port);
  request.set(http::field::user_agent, "tinkr");
  request.set(http::field::accept, call.accept);
  if (!call.bearer_token.empty()) request.set(http::field::authorization, "Bearer " + call.bearer_token);
  for (const auto& [name, value] : call.headers) request.set(name, value);
  if (!call.body.empty() || call.method == "POST") {
    request.set(http::field::content_type, call.content_type);
    request.body() = call.body;
  }
  request.keep_alive(false);
  request.prepare_payload();
  http::write(socket, request, ec);
  if (ec) return Unexpected(transport_error(endpoint, "write", ec));

  beast::flat_buffer buffer;
  http::response_parser<http::buffer_body> parser;
  parser.body_limit(boost::none);
  http::read_header(socket, buffer, parser, ec);
  if (ec) return Unexpected(transport_error(endpoint, "read", ec));
  HttpReply reply;
  reply.status = static_cast<int>(parser.get().result_int());
  for (const auto& field : parser.get()) reply.headers[ascii_lowercase(field.name_string())] = field.value();

  char chunk[16 * 1024];
  while (!parser.is_done()) {
    parser.get().body().data = chunk;
    parser.get().body().size = sizeof chunk;
    http::read(socket, buffer, parser, ec);
    if (ec == http::error::need_buffer) ec = {};
    if (ec) return Unexpected(transport_error(endpoint, "read", ec));
    const std::string_view piece(chunk, sizeof chunk - parser.get().body().size);
    if (on_body && reply.status < 400) {
      if (!piece.empty() && !on_body(piece)) break;
    } else {
      reply.body.append(piece);
    }
  }
  socket.shutdown(tcp::socket::shutdown_both, ec);
  return reply;
}

}  // namespace tinkr::host
