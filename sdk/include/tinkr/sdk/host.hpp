// tinkr/sdk/host.hpp: the host's services (logging, HTTPS, clock, cancellation) behind C++ types, so a
// plugin never touches a tinkr_host or frees a host allocation by hand.
#pragma once

#include <tinkr/plugin.h>
#include <tinkr/sdk/error.hpp>
#include <tinkr/sdk/text.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tinkr::sdk {

inline tinkr_str to_str(std::string_view s) noexcept {
  return {s.data(), s.size()};
}
inline std::string_view to_view(tinkr_str s) noexcept {
  return s.ptr ? std::string_view(s.ptr, static_cast<std::size_t>(s.len)) : std::string_view();
}

struct HttpHeader {
  std::string name;
  std::string value;
};

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::vector<HttpHeader> headers;
  std::string body;
  int64_t timeout_ms = 0;
  int64_t connect_timeout_ms = 0;
  int64_t max_response_bytes = 0;
  std::string ca_file;
  uint32_t flags = 0;
  /// For Host::http: when set, a success's (2xx) body is handed over in pieces as it arrives instead
  /// of being kept (other statuses arrive whole in HttpResponse::body); return false to abort the
  /// transfer. It is called on the thread that called http; Host::open lets the plugin pull the body
  /// instead, which needs no thread of its own.
  std::function<bool(std::string_view)> on_body;
};

struct HttpResponse {
  int status = 0;
  std::vector<HttpHeader> headers;
  std::string body;

  /// The first header of that name (case-insensitive), or empty.
  std::string_view header(std::string_view name) const {
    for (const auto& h : headers)
      if (equals_ignoring_case(h.name, name)) return h.value;
    return {};
  }
};

/// One call's cancellation state and deadline, as the host gave it to execute.
class CallContext {
 public:
  CallContext(const tinkr_host* host, const tinkr_cancel* cancel) noexcept : host_(host), cancel_(cancel) {}

  bool cancelled() const noexcept {
    return host_ && host_->is_cancelled && host_->is_cancelled(host_->ctx, cancel_) != 0;
  }
  /// Unix nanoseconds; INT64_MAX when the call has no deadline.
  int64_t deadline_ns() const noexcept {
    if (!host_ || !host_->deadline_unix_nano) return std::numeric_limits<int64_t>::max();
    return host_->deadline_unix_nano(host_->ctx, cancel_);
  }
  /// Throws Error(TINKR_CANCELLED) once the call was cancelled: for loops between upstream calls.
  void throw_if_cancelled() const {
    if (cancelled()) throw Error(TINKR_CANCELLED, "query cancelled");
  }
  const tinkr_cancel* raw() const noexcept { return cancel_; }

 private:
  const tinkr_host* host_;
  const tinkr_cancel* cancel_;
};

/// Owns one allocation the host made for a call (a tinkr_error, a tinkr_http_response) and frees it
/// with the host's matching function when it goes out of scope, so that no path - an early return, an
/// exception while copying - leaks it or frees it twice. The C ABI is unchanged: this lives on the
/// plugin's side only.
template <typename T, void (*tinkr_host::*Free)(void*, T*)>
class HostOwned {
 public:
  HostOwned(const tinkr_host* host, T* owned) noexcept : host_(host), owned_(owned) {}
  HostOwned(const HostOwned&) = delete;
  HostOwned& operator=(const HostOwned&) = delete;
  ~HostOwned() {
    if (owned_ && host_ && host_->*Free) (host_->*Free)(host_->ctx, owned_);
  }
  T* get() const noexcept { return owned_; }

 private:
  const tinkr_host* host_;
  T* owned_;
};

namespace detail {

/// The C view of an HttpRequest (on_body left unset), valid while both live.
struct CRequest {
  explicit CRequest(const HttpRequest& r) {
    headers.reserve(r.headers.size());
    for (const auto& h : r.headers) headers.push_back({to_str(h.name), to_str(h.value)});
    request.struct_size = sizeof request;
    request.method = to_str(r.method);
    request.url = to_str(r.url);
    request.headers = headers.data();
    request.header_count = headers.size();
    request.body = to_str(r.body);
    request.timeout_ms = r.timeout_ms;
    request.connect_timeout_ms = r.connect_timeout_ms;
    request.max_response_bytes = r.max_response_bytes;
    request.ca_file = to_str(r.ca_file);
    request.flags = r.flags;
  }
  CRequest(const CRequest&) = delete;
  CRequest& operator=(const CRequest&) = delete;

  std::vector<tinkr_http_header> headers;
  tinkr_http_request request{};
};

[[noreturn]] inline void throw_host_error(int32_t status, const tinkr_error* error) {
  std::string message = error ? std::string(to_view(error->message)) : "http request failed";
  throw Error(static_cast<tinkr_status>(status), std::move(message), error && error->retryable,
              error ? error->retry_after_ms : 0);
}

inline HttpResponse to_response(const tinkr_http_response& response) {
  HttpResponse out;
  out.status = response.status;
  out.headers.reserve(static_cast<std::size_t>(response.header_count));
  for (uint64_t i = 0; i < response.header_count; ++i)
    out.headers.push_back(
        {std::string(to_view(response.headers[i].name)), std::string(to_view(response.headers[i].value))});
  out.body.assign(to_view(response.body));
  return out;
}

}  // namespace detail

/// An answer whose success (2xx) body the plugin pulls (Host::open). Use it from one thread at a time;
/// destroying it before the body's end closes the connection.
class HttpStream {
 public:
  HttpStream(HttpStream&& other) noexcept
      : host_(std::exchange(other.host_, nullptr)),
        stream_(std::exchange(other.stream_, nullptr)),
        head_(std::move(other.head_)),
        whole_(std::move(other.whole_)),
        whole_read_(other.whole_read_) {}
  HttpStream& operator=(HttpStream&& other) noexcept {
    if (this != &other) {
      close();
      host_ = std::exchange(other.host_, nullptr);
      stream_ = std::exchange(other.stream_, nullptr);
      head_ = std::move(other.head_);
      whole_ = std::move(other.whole_);
      whole_read_ = other.whole_read_;
    }
    return *this;
  }
  ~HttpStream() { close(); }

  /// Waits for the final answer and returns its status and headers; a body other than a success's
  /// is whole in it. Throws Error when no answer could be had (connection, TLS, timeout, ...).
  const HttpResponse& head() {
    if (head_) return *head_;
    const tinkr_http_response* response = nullptr;
    tinkr_error* error = nullptr;
    int32_t status = host_->response_head(host_->ctx, stream_, &response, &error);
    HostOwned<tinkr_error, &tinkr_host::free_error> owned_error(host_, error);
    if (status != TINKR_OK) detail::throw_host_error(status, error);
    head_ = detail::to_response(*response);
    return *head_;
  }

  /// Reads the next bytes of a success's body into buffer (waits for some, then takes what else has
  /// arrived); 0 at the end of the body, and for any other status. Throws Error (cut short, timeout,
  /// cancelled, over the size cap).
  std::size_t read(char* buffer, std::size_t capacity) {
    if (!stream_) {  // a whole answer from a host older than 1.4
      std::size_t n = std::min(capacity, whole_.size() - whole_read_);
      std::copy_n(whole_.data() + whole_read_, n, buffer);
      whole_read_ += n;
      return n;
    }
    uint64_t got = 0;
    tinkr_error* error = nullptr;
    int32_t status = host_->read_body(host_->ctx, stream_, buffer, capacity, &got, &error);
    HostOwned<tinkr_error, &tinkr_host::free_error> owned_error(host_, error);
    if (status != TINKR_OK) detail::throw_host_error(status, error);
    return static_cast<std::size_t>(got);
  }

 private:
  friend class Host;
  HttpStream(const tinkr_host* host, tinkr_http_stream* stream) noexcept : host_(host), stream_(stream) {}
  explicit HttpStream(HttpResponse whole) : head_(std::move(whole)) {
    if (head_->status >= 200 && head_->status < 300) whole_ = std::exchange(head_->body, {});
  }
  void close() noexcept {
    if (stream_) host_->close_response(host_->ctx, std::exchange(stream_, nullptr));
  }

  const tinkr_host* host_ = nullptr;
  tinkr_http_stream* stream_ = nullptr;
  std::optional<HttpResponse> head_;
  std::string whole_;  // the success's body of a whole answer (host older than 1.4)
  std::size_t whole_read_ = 0;
};

/// The services table the host passed to tinkr_plugin_entry.
class Host {
 public:
  explicit Host(const tinkr_host* raw = nullptr) noexcept : raw_(raw) {}

  const tinkr_host* raw() const noexcept { return raw_; }

  void log(int32_t level, std::string_view message) const noexcept {
    if (raw_ && raw_->log) raw_->log(raw_->ctx, level, to_str(message));
  }
  void debug(std::string_view m) const noexcept { log(TINKR_LOG_DEBUG, m); }
  void info(std::string_view m) const noexcept { log(TINKR_LOG_INFO, m); }
  void warn(std::string_view m) const noexcept { log(TINKR_LOG_WARN, m); }

  int64_t now_ns() const noexcept { return raw_ && raw_->now_unix_nano ? raw_->now_unix_nano(raw_->ctx) : 0; }

  CallContext call(const tinkr_cancel* cancel) const noexcept { return CallContext(raw_, cancel); }

  /// Sends a request through the host's HTTPS client. Returns the response whatever its HTTP status;
  /// throws Error when no response could be had (connection, TLS, timeout, cancellation, size cap).
  HttpResponse http(const HttpRequest& request, const CallContext& call) const {
    if (!raw_ || !raw_->http_request) throw Error(TINKR_UNSUPPORTED, "the host offers no HTTP client");
    detail::CRequest c(request);
    if (request.on_body) {
      c.request.on_body = [](void* ctx, const char* data, uint64_t len) -> int32_t {
        try {
          auto& fn = *static_cast<const std::function<bool(std::string_view)>*>(ctx);
          return fn(std::string_view(data, static_cast<std::size_t>(len))) ? TINKR_OK : TINKR_CANCELLED;
        } catch (...) {
          return TINKR_INTERNAL;
        }
      };
      c.request.on_body_ctx = const_cast<std::function<bool(std::string_view)>*>(&request.on_body);
    }
    tinkr_http_response* response = nullptr;
    tinkr_error* error = nullptr;
    int32_t status = raw_->http_request(raw_->ctx, &c.request, call.raw(), &response, &error);
    // Owned from here on: freed by the host's own functions however this call ends.
    HostOwned<tinkr_http_response, &tinkr_host::free_http_response> owned_response(raw_, response);
    HostOwned<tinkr_error, &tinkr_host::free_error> owned_error(raw_, error);
    if (status != TINKR_OK) detail::throw_host_error(status, error);
    return response ? detail::to_response(*response) : HttpResponse{};
  }

  /// Sends a request and returns once it is sent; the answer is then pulled through the stream, from
  /// this thread, so that no plugin needs a thread or a pipe for a body it decodes as it arrives, and
  /// several requests may be in flight at once. request.on_body is not used. Under a host older than
  /// ABI 1.4 the whole answer is read here, and the stream then serves it from memory. Throws Error
  /// when nothing could be sent.
  HttpStream open(const HttpRequest& request, const CallContext& call) const {
    if (!raw_ || !raw_->http_request) throw Error(TINKR_UNSUPPORTED, "the host offers no HTTP client");
    if (!pulls_bodies()) {
      HttpRequest whole = request;
      whole.on_body = nullptr;
      return HttpStream(http(whole, call));
    }
    detail::CRequest c(request);
    tinkr_http_stream* stream = nullptr;
    tinkr_error* error = nullptr;
    int32_t status = raw_->open_response(raw_->ctx, &c.request, call.raw(), &stream, &error);
    HttpStream owned(raw_, stream);
    HostOwned<tinkr_error, &tinkr_host::free_error> owned_error(raw_, error);
    if (status != TINKR_OK) detail::throw_host_error(status, error);
    return owned;
  }

  /// True when the host offers ABI 1.4's pulled bodies (open_response and the rest).
  bool pulls_bodies() const noexcept {
    return raw_ && raw_->struct_size >= offsetof(tinkr_host, close_response) + sizeof(raw_->close_response) &&
           raw_->open_response && raw_->response_head && raw_->read_body && raw_->close_response;
  }

 private:
  const tinkr_host* raw_;
};

}  // namespace tinkr::sdk
