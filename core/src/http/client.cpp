// The client's front: validate and route a request, then hand it to its Attempts (attempts.hpp),
// reading the body whole or to on_body for send(), or leaving it to the caller for open().
#include "http/client.hpp"
#include <tinkr/text.hpp>

#include <boost/beast/http/verb.hpp>

#include "base/call_state.hpp"
#include "http/attempts.hpp"
#include "tinkr/redact.hpp"

namespace tinkr::http {
namespace {

// The pieces send() reads a success's body in: a few TLS records' worth per wake-up.
constexpr std::size_t kBodyPiece = std::size_t{256} << 10;

}  // namespace

std::string_view Response::header(std::string_view name) const noexcept {
  for (const auto& h : headers)
    if (equals_ignoring_case(h.name, name)) return h.value;
  return {};
}

struct Client::Impl : ClientState {
  using ClientState::ClientState;
  Expected<Route> route(const Request& request);
};

Client::Client(ClientOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Client::~Client() = default;

ClientStats Client::stats() const {
  return {impl_->opened.load(), impl_->reused.load(), impl_->retries.load()};
}

void Client::clear_pool() {
  impl_->pool.clear();
}

/// Checks the request and works out where it goes; nothing is sent.
Expected<Route> Client::Impl::route(const Request& request) {
  for (const auto& h : request.headers)
    if (equals_ignoring_case(h.name, "authorization"))
      remember_credential(h.value);  // an upstream may quote it back
  auto url = parse_url(request.url);
  if (!url) return tl::unexpected(url.error());
  if (url->scheme == "http" && !request.allow_plain_http)
    return fail(Error::Code::config,
                "plain http:// to " + url->authority() +
                    " is refused: use https:// (http is allowed only for the IMDS and identity "
                    "endpoints and an explicitly configured loopback address)");
  if (boost::beast::http::string_to_verb(request.method) == boost::beast::http::verb::unknown)
    return fail(Error::Code::invalid_query, "unknown HTTP method '" + request.method + "'");

  Endpoint endpoint{*url, nullptr, std::nullopt};
  if (url->scheme == "https") {
    auto context = tls.get(request.ca_file);
    if (!context) return tl::unexpected(context.error());
    endpoint.tls = *context;
    auto proxy = proxy_for(options.proxy, url->hostname, url->port);
    if (!proxy) return tl::unexpected(proxy.error());
    endpoint.proxy = *proxy;
  }
  std::string key = url->scheme + "://" + url->authority() + "|" + request.ca_file + "|" +
                    (endpoint.proxy ? endpoint.proxy->hostname + ":" + endpoint.proxy->port : "");
  return Route{std::move(endpoint), std::move(key)};
}

Expected<std::unique_ptr<ResponseStream>> Client::open(Request request) {
  try {
    auto route = impl_->route(request);
    if (!route) return tl::unexpected(route.error());
    auto attempts = std::make_unique<Attempts>(*impl_, std::move(request), std::move(*route));
    if (auto sent = attempts->start(); !sent) return tl::unexpected(sent.error());
    return std::unique_ptr<ResponseStream>(new ResponseStream(std::move(attempts)));
  } catch (const std::exception& e) {
    return fail(Error::Code::internal, std::string("http client failed: ") + e.what());
  }
}

Expected<Response> Client::send(const Request& request) {
  try {
    auto stream = open(request);
    if (!stream) return tl::unexpected(stream.error());
    auto head = (*stream)->head();
    if (!head) return tl::unexpected(head.error());
    Response response = **head;
    std::string piece(kBodyPiece, '\0');
    while (true) {
      auto got = (*stream)->read(piece.data(), piece.size());
      if (!got) return tl::unexpected(got.error());
      if (*got == 0) break;
      if (!request.on_body) {
        response.body.append(piece.data(), *got);
      } else if (int32_t status = request.on_body(std::string_view(piece.data(), *got)); status != TINKR_OK) {
        return tl::unexpected(Error(code_from_status(status),
                                    "the body consumer stopped the transfer from " + (*stream)->authority()));
      }
    }
    return response;
  } catch (const std::exception& e) {
    return fail(Error::Code::internal, std::string("http client failed: ") + e.what());
  }
}

ResponseStream::ResponseStream(std::unique_ptr<Attempts> attempts) : attempts_(std::move(attempts)) {}
ResponseStream::~ResponseStream() = default;

std::string ResponseStream::authority() const {
  return attempts_->authority();
}

Expected<const Response*> ResponseStream::head() {
  if (failed_) return tl::unexpected(*failed_);
  try {
    auto answer = attempts_->head();
    if (!answer) failed_ = answer.error();
    return answer;
  } catch (const std::exception& e) {
    failed_ = Error(Error::Code::internal, std::string("http client failed: ") + e.what());
    return tl::unexpected(*failed_);
  }
}

Expected<std::size_t> ResponseStream::read(char* buffer, std::size_t capacity) {
  if (failed_) return tl::unexpected(*failed_);
  try {
    auto got = attempts_->read_body(buffer, capacity);
    if (!got) failed_ = got.error();
    return got;
  } catch (const std::exception& e) {
    failed_ = Error(Error::Code::internal, std::string("http client failed: ") + e.what());
    return tl::unexpected(*failed_);
  }
}

}  // namespace tinkr::http
