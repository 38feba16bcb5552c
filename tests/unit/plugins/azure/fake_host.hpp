// A tinkr_host for the Azure plugin's unit tests: http_request and open_response call a test lambda
// (and record every request), the clock is a number the test sets, and is_cancelled reports which threads are
// waiting.
#pragma once

#include <tinkr/plugin.h>
#include <tinkr/sdk/error.hpp>
#include <tinkr/sdk/host.hpp>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace tinkr::azure::testing {

class FakeHost {
 public:
  /// Answers one request; may throw sdk::Error to fail it the way the host's client would.
  using Handler = std::function<sdk::HttpResponse(const sdk::HttpRequest&)>;

  FakeHost() {
    table_.struct_size = sizeof table_;
    table_.abi_major = TINKR_PLUGIN_ABI_MAJOR;
    table_.abi_minor = TINKR_PLUGIN_ABI_MINOR;
    table_.ctx = this;
    table_.log = [](void* ctx, int32_t, tinkr_str message) {
      auto* self = static_cast<FakeHost*>(ctx);
      std::lock_guard guard(self->mutex_);
      self->logs_.emplace_back(sdk::to_view(message));
    };
    table_.http_request = &FakeHost::http_request;
    table_.free_http_response = [](void*, tinkr_http_response* r) {
      delete reinterpret_cast<OwnedResponse*>(r);
    };
    table_.free_error = [](void*, tinkr_error* e) {
      delete[] e->message.ptr;
      delete e;
    };
    table_.now_unix_nano = [](void* ctx) { return static_cast<FakeHost*>(ctx)->now_ns.load(); };
    table_.is_cancelled = [](void* ctx, const tinkr_cancel*) -> int32_t {
      auto* self = static_cast<FakeHost*>(ctx);
      {
        std::lock_guard guard(self->mutex_);
        self->polling_threads_.insert(std::this_thread::get_id());
      }
      self->polled_.notify_all();
      return self->cancelled.load() ? 1 : 0;
    };
    table_.deadline_unix_nano = [](void*, const tinkr_cancel*) { return INT64_MAX; };
    table_.open_response = &FakeHost::open_response;
    table_.response_head = [](void*, tinkr_http_stream* stream, const tinkr_http_response** out,
                              tinkr_error**) -> int32_t {
      *out = &reinterpret_cast<OwnedStream*>(stream)->response->c;
      return TINKR_OK;
    };
    table_.read_body = [](void*, tinkr_http_stream* stream, char* buffer, uint64_t capacity,
                          uint64_t* out_len, tinkr_error**) -> int32_t {
      auto* owned = reinterpret_cast<OwnedStream*>(stream);
      const std::string_view rest = std::string_view(owned->body).substr(owned->read);
      // Like the core's client, in small pieces: every decoder meets tokens cut at piece boundaries.
      *out_len = std::min<uint64_t>({capacity, kPieceSize, rest.size()});
      std::copy_n(rest.data(), *out_len, buffer);
      owned->read += *out_len;
      return TINKR_OK;
    };
    table_.close_response = [](void*, tinkr_http_stream* stream) {
      delete reinterpret_cast<OwnedStream*>(stream);
    };
  }

  /// Makes the host one older than ABI 1.4, without pulled bodies: the SDK then reads answers whole.
  void without_pulled_bodies() { table_.struct_size = offsetof(tinkr_host, open_response); }

  sdk::Host host() const { return sdk::Host(&table_); }
  sdk::CallContext call() const { return sdk::CallContext(&table_, nullptr); }

  Handler handler;
  std::atomic<int64_t> now_ns{1'700'000'000LL * 1'000'000'000LL};
  std::atomic<bool> cancelled{false};

  std::vector<sdk::HttpRequest> requests() const {
    std::lock_guard guard(mutex_);
    return requests_;
  }
  std::vector<std::string> logs() const {
    std::lock_guard guard(mutex_);
    return logs_;
  }
  /// Blocks until n distinct threads have asked is_cancelled (they are waiting on something).
  void wait_for_polling_threads(std::size_t n) {
    std::unique_lock lock(mutex_);
    polled_.wait(lock, [&] { return polling_threads_.size() >= n; });
  }

 private:
  struct OwnedResponse {
    tinkr_http_response c{};  // first member: the pointer handed out is this one
    std::vector<tinkr_http_header> headers;
    sdk::HttpResponse data;
  };

  // An answer whose success's body the plugin pulls (1.4).
  struct OwnedStream {
    std::unique_ptr<OwnedResponse> response;
    std::string body;
    std::size_t read = 0;
  };

  static int32_t open_response(void* ctx, const tinkr_http_request* request, const tinkr_cancel* cancel,
                               tinkr_http_stream** out_stream, tinkr_error** out_error) {
    tinkr_http_response* response = nullptr;
    int32_t status = http_request(ctx, request, cancel, &response, out_error);
    if (status != TINKR_OK) return status;
    auto stream = std::make_unique<OwnedStream>();
    stream->response.reset(reinterpret_cast<OwnedResponse*>(response));
    auto& data = stream->response->data;
    if (data.status >= 200 && data.status < 300) {
      stream->body = std::exchange(data.body, {});
      stream->response->c.body = {};
    }
    *out_stream = reinterpret_cast<tinkr_http_stream*>(stream.release());
    return TINKR_OK;
  }

  static int32_t http_request(void* ctx, const tinkr_http_request* request, const tinkr_cancel*,
                              tinkr_http_response** out_response, tinkr_error** out_error) {
    auto* self = static_cast<FakeHost*>(ctx);
    sdk::HttpRequest copy;
    copy.method = std::string(sdk::to_view(request->method));
    copy.url = std::string(sdk::to_view(request->url));
    for (uint64_t i = 0; i < request->header_count; ++i)
      copy.headers.push_back({std::string(sdk::to_view(request->headers[i].name)),
                              std::string(sdk::to_view(request->headers[i].value))});
    copy.body = std::string(sdk::to_view(request->body));
    copy.timeout_ms = request->timeout_ms;
    copy.connect_timeout_ms = request->connect_timeout_ms;
    copy.ca_file = std::string(sdk::to_view(request->ca_file));
    copy.flags = request->flags;
    {
      std::lock_guard guard(self->mutex_);
      self->requests_.push_back(copy);
    }
    try {
      if (!self->handler) throw sdk::Error(TINKR_UPSTREAM_UNAVAILABLE, "connection refused");
      // Owned until handed out: a handler that throws (a refused connection) must not leak it.
      auto owned = std::make_unique<OwnedResponse>();
      owned->data = self->handler(copy);
      // Like the core's client: a success's body goes to on_body in pieces when the plugin asks.
      if (request->on_body && owned->data.status >= 200 && owned->data.status < 300) {
        const std::string_view body = owned->data.body;
        for (std::size_t at = 0; at < body.size(); at += kPieceSize)
          if (int32_t status = request->on_body(request->on_body_ctx, body.data() + at,
                                                std::min(kPieceSize, body.size() - at));
              status != TINKR_OK) {
            throw sdk::Error(static_cast<tinkr_status>(status), "the body consumer stopped the transfer");
          }
        owned->data.body.clear();
      }
      owned->c.struct_size = sizeof owned->c;
      owned->c.status = owned->data.status;
      for (const auto& h : owned->data.headers)
        owned->headers.push_back({sdk::to_str(h.name), sdk::to_str(h.value)});
      owned->c.headers = owned->headers.data();
      owned->c.header_count = owned->headers.size();
      owned->c.body = sdk::to_str(owned->data.body);
      *out_response = &owned.release()->c;
      return TINKR_OK;
    } catch (const sdk::Error& e) {
      auto* error = new tinkr_error{};
      error->struct_size = sizeof *error;
      error->status = e.status();
      error->retryable = e.retryable();
      std::string_view message = e.what();
      char* text = new char[message.size()];
      std::copy(message.begin(), message.end(), text);
      error->message = {text, message.size()};
      *out_error = error;
      return e.status();
    }
  }

  static constexpr std::size_t kPieceSize = 5;

  tinkr_host table_{};
  mutable std::mutex mutex_;
  std::condition_variable polled_;
  std::set<std::thread::id> polling_threads_;
  std::vector<sdk::HttpRequest> requests_;
  std::vector<std::string> logs_;
};

/// The value of a header in a recorded request, or "" when absent.
inline std::string header_of(const sdk::HttpRequest& request, std::string_view name) {
  for (const auto& h : request.headers)
    if (h.name == name) return h.value;
  return "";
}

/// Decodes an x-www-form-urlencoded body or query string into name -> value.
inline std::map<std::string, std::string> decode_form(std::string_view form) {
  auto decode = [](std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '%' && i + 2 < s.size()) {
        out.push_back(static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16)));
        i += 2;
      } else {
        out.push_back(s[i] == '+' ? ' ' : s[i]);
      }
    }
    return out;
  };
  std::map<std::string, std::string> fields;
  while (!form.empty()) {
    auto amp = form.find('&');
    std::string_view pair = form.substr(0, amp);
    auto eq = pair.find('=');
    fields[decode(pair.substr(0, eq))] = eq == std::string_view::npos ? "" : decode(pair.substr(eq + 1));
    if (amp == std::string_view::npos) break;
    form.remove_prefix(amp + 1);
  }
  return fields;
}

/// The query string of a URL, decoded.
inline std::map<std::string, std::string> query_of(std::string_view url) {
  auto q = url.find('?');
  return q == std::string_view::npos ? std::map<std::string, std::string>{} : decode_form(url.substr(q + 1));
}

inline sdk::HttpResponse json_response(int status, std::string body) {
  sdk::HttpResponse r;
  r.status = status;
  r.headers = {{"Content-Type", "application/json"}};
  r.body = std::move(body);
  return r;
}

/// A file of the shared test vectors (../shared/vectors/azure/...).
std::string read_vector(const std::string& relative_path);

}  // namespace tinkr::azure::testing
