// The C side of the HTTPS host service: converts the ABI's request to the client's, and the client's
// answer to a host-allocated tinkr_http_response or tinkr_error.
#include "http/host_bridge.hpp"

#include <cstddef>
#include <string>
#include <vector>

#include "http/client.hpp"

namespace tinkr::http {
namespace {

std::string copy(tinkr_str s) {
  return s.ptr ? std::string(s.ptr, static_cast<std::size_t>(s.len)) : std::string();
}

// The C structs own nothing; these keep the storage their views point into.
struct OwnedResponse : tinkr_http_response {
  std::vector<Header> header_storage;
  std::vector<tinkr_http_header> header_views;
  std::string body_storage;
};

struct OwnedError : tinkr_error {
  std::string message_storage;
};

tinkr_error* make_error(const Error& error) {
  auto* out = new OwnedError{};
  out->struct_size = sizeof(tinkr_error);
  out->status = static_cast<int32_t>(error.code());
  out->retryable = error.retryable() ? 1 : 0;
  out->retry_after_ms = error.retry_after_ms();
  out->message_storage = error.message();
  out->message = {out->message_storage.data(), out->message_storage.size()};
  return out;
}

tinkr_http_response* make_response(Response&& response) {
  auto* out = new OwnedResponse{};
  out->struct_size = sizeof(tinkr_http_response);
  out->status = response.status;
  out->header_storage = std::move(response.headers);
  out->body_storage = std::move(response.body);
  out->header_views.reserve(out->header_storage.size());
  for (const auto& h : out->header_storage)
    out->header_views.push_back({{h.name.data(), h.name.size()}, {h.value.data(), h.value.size()}});
  out->headers = out->header_views.data();
  out->header_count = out->header_views.size();
  out->body = {out->body_storage.data(), out->body_storage.size()};
  return out;
}

Client& process_client() {
  static Client client([] {
    ClientOptions options;
    options.proxy = ProxySettings::from_environment();
    return options;
  }());
  return client;
}

constexpr std::size_t kRequestSize1_0 = offsetof(tinkr_http_request, on_body_ctx) + sizeof(void*);

// The ABI's request as the client's, checked to be at least as large as 1.0's.
Expected<Request> to_request(const tinkr_http_request* c, const tinkr_cancel* cancel) {
  if (c->struct_size < kRequestSize1_0)
    return fail(Error::Code::plugin_abi, "tinkr_http_request of " + std::to_string(c->struct_size) +
                                             " bytes is smaller than ABI 1.0's " +
                                             std::to_string(kRequestSize1_0));
  Request request;
  request.method = copy(c->method);
  request.url = copy(c->url);
  for (uint64_t i = 0; i < c->header_count; ++i)
    request.headers.push_back({copy(c->headers[i].name), copy(c->headers[i].value)});
  request.body = copy(c->body);
  request.timeout = std::chrono::milliseconds(std::max<int64_t>(0, c->timeout_ms));
  request.connect_timeout = std::chrono::milliseconds(std::max<int64_t>(0, c->connect_timeout_ms));
  request.max_response_bytes = std::max<int64_t>(0, c->max_response_bytes);
  request.ca_file = copy(c->ca_file);
  request.allow_plain_http = (c->flags & TINKR_HTTP_ALLOW_PLAIN_HTTP) != 0;
  request.no_retry = (c->flags & TINKR_HTTP_NO_RETRY) != 0;
  if (c->on_body) {
    request.on_body = [fn = c->on_body, ctx = c->on_body_ctx](std::string_view piece) {
      return fn(ctx, piece.data(), piece.size());
    };
  }
  request.cancel = cancel;
  return request;
}

// Runs one service body: an error it returns, or an exception it throws, becomes *out_error and the
// status; nothing escapes across the C boundary.
template <typename Body>
int32_t guarded(tinkr_error** out_error, std::string_view what, Body&& body) noexcept {
  auto refuse = [&](const Error& error) {
    if (out_error) *out_error = make_error(error);
    return static_cast<int32_t>(error.code());
  };
  try {
    if (out_error) *out_error = nullptr;
    Expected<void> done = body();
    return done ? TINKR_OK : refuse(done.error());
  } catch (const std::exception& e) {
    return refuse(Error(Error::Code::internal, std::string(what) + " failed: " + e.what()));
  } catch (...) {
    return refuse(Error(Error::Code::internal, std::string(what) + " failed with an unknown exception"));
  }
}

}  // namespace

// The answer a plugin pulls: the client's stream, and the head the plugin was given, kept as C views.
struct StreamHandle {
  std::unique_ptr<ResponseStream> stream;
  std::unique_ptr<tinkr_http_response, void (*)(tinkr_http_response*)> head{nullptr, &free_http_response};
};

int32_t host_http_request(const tinkr_http_request* c, const tinkr_cancel* cancel,
                          tinkr_http_response** out_response, tinkr_error** out_error) noexcept {
  if (out_response) *out_response = nullptr;
  return guarded(out_error, "http request", [&]() -> Expected<void> {
    if (!c || !out_response)
      return fail(Error::Code::invalid_query, "http_request needs a request and an out_response");
    auto request = to_request(c, cancel);
    if (!request) return tl::unexpected(request.error());
    auto response = process_client().send(*request);
    if (!response) return tl::unexpected(response.error());
    *out_response = make_response(std::move(*response));
    return {};
  });
}

int32_t open_response(const tinkr_http_request* c, const tinkr_cancel* cancel, tinkr_http_stream** out_stream,
                      tinkr_error** out_error) noexcept {
  if (out_stream) *out_stream = nullptr;
  return guarded(out_error, "http request", [&]() -> Expected<void> {
    if (!c || !out_stream)
      return fail(Error::Code::invalid_query, "open_response needs a request and an out_stream");
    if (c->on_body)
      return fail(Error::Code::invalid_query, "open_response takes no on_body: the plugin reads the body");
    auto request = to_request(c, cancel);
    if (!request) return tl::unexpected(request.error());
    auto stream = process_client().open(std::move(*request));
    if (!stream) return tl::unexpected(stream.error());
    auto handle = std::make_unique<StreamHandle>();
    handle->stream = std::move(*stream);
    *out_stream = reinterpret_cast<tinkr_http_stream*>(handle.release());
    return {};
  });
}

int32_t response_head(tinkr_http_stream* stream, const tinkr_http_response** out_response,
                      tinkr_error** out_error) noexcept {
  if (out_response) *out_response = nullptr;
  return guarded(out_error, "http request", [&]() -> Expected<void> {
    if (!stream || !out_response)
      return fail(Error::Code::invalid_query, "response_head needs a stream and an out_response");
    auto* handle = reinterpret_cast<StreamHandle*>(stream);
    if (!handle->head) {
      auto head = handle->stream->head();
      if (!head) return tl::unexpected(head.error());
      handle->head.reset(make_response(Response(**head)));
    }
    *out_response = handle->head.get();
    return {};
  });
}

int32_t read_body(tinkr_http_stream* stream, char* buffer, uint64_t capacity, uint64_t* out_len,
                  tinkr_error** out_error) noexcept {
  if (out_len) *out_len = 0;
  return guarded(out_error, "http request", [&]() -> Expected<void> {
    if (!stream || !out_len || (!buffer && capacity > 0))
      return fail(Error::Code::invalid_query, "read_body needs a stream, a buffer and an out_len");
    auto got =
        reinterpret_cast<StreamHandle*>(stream)->stream->read(buffer, static_cast<std::size_t>(capacity));
    if (!got) return tl::unexpected(got.error());
    *out_len = *got;
    return {};
  });
}

void close_response(tinkr_http_stream* stream) noexcept {
  delete reinterpret_cast<StreamHandle*>(stream);
}

void free_http_response(tinkr_http_response* response) noexcept {
  delete static_cast<OwnedResponse*>(response);
}

void free_error(tinkr_error* error) noexcept {
  delete static_cast<OwnedError*>(error);
}

}  // namespace tinkr::http
