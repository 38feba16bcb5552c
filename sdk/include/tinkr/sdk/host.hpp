// tinkr/sdk/host.hpp: the host's services (logging, HTTPS, clock, cancellation) behind C++ types, so a
// plugin never touches a tinkr_host or frees a host allocation by hand.
#pragma once

#include <tinkr/plugin.h>
#include <tinkr/sdk/error.hpp>
#include <tinkr/sdk/text.hpp>

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
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
  /// When set, a success's (2xx) body is handed over in pieces as it arrives instead of being kept
  /// (other statuses arrive whole in HttpResponse::body); return false to abort the transfer.
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
    std::vector<tinkr_http_header> headers;
    headers.reserve(request.headers.size());
    for (const auto& h : request.headers) headers.push_back({to_str(h.name), to_str(h.value)});
    tinkr_http_request c{};
    c.struct_size = sizeof c;
    c.method = to_str(request.method);
    c.url = to_str(request.url);
    c.headers = headers.data();
    c.header_count = headers.size();
    c.body = to_str(request.body);
    c.timeout_ms = request.timeout_ms;
    c.connect_timeout_ms = request.connect_timeout_ms;
    c.max_response_bytes = request.max_response_bytes;
    c.ca_file = to_str(request.ca_file);
    c.flags = request.flags;
    if (request.on_body) {
      c.on_body = [](void* ctx, const char* data, uint64_t len) -> int32_t {
        try {
          auto& fn = *static_cast<const std::function<bool(std::string_view)>*>(ctx);
          return fn(std::string_view(data, static_cast<std::size_t>(len))) ? TINKR_OK : TINKR_CANCELLED;
        } catch (...) {
          return TINKR_INTERNAL;
        }
      };
      c.on_body_ctx = const_cast<std::function<bool(std::string_view)>*>(&request.on_body);
    }
    tinkr_http_response* response = nullptr;
    tinkr_error* error = nullptr;
    int32_t status = raw_->http_request(raw_->ctx, &c, call.raw(), &response, &error);
    // Owned from here on: freed by the host's own functions however this call ends.
    HostOwned<tinkr_http_response, &tinkr_host::free_http_response> owned_response(raw_, response);
    HostOwned<tinkr_error, &tinkr_host::free_error> owned_error(raw_, error);
    if (status != TINKR_OK) {
      std::string message = error ? std::string(to_view(error->message)) : "http request failed";
      throw Error(static_cast<tinkr_status>(status), std::move(message), error && error->retryable,
                  error ? error->retry_after_ms : 0);
    }
    HttpResponse out;
    if (response) {
      out.status = response->status;
      out.headers.reserve(static_cast<std::size_t>(response->header_count));
      for (uint64_t i = 0; i < response->header_count; ++i)
        out.headers.push_back({std::string(to_view(response->headers[i].name)),
                               std::string(to_view(response->headers[i].value))});
      out.body.assign(to_view(response->body));
    }
    return out;
  }

 private:
  const tinkr_host* raw_;
};

}  // namespace tinkr::sdk
