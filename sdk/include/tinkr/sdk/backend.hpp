// tinkr/sdk/backend.hpp: write a backend as one C++ class and export it with one macro.
//
//   class MyBackend : public tinkr::sdk::Backend {
//    public:
//     static constexpr const char* kName = "my";        // the name TINKR_BACKEND and profiles use
//     static constexpr const char* kVersion = "1.0.0";
//     static std::string describe();                      // capabilities JSON (docs/plugin-abi.md)
//     MyBackend(const tinkr::sdk::Host& host, std::string_view config_json);  // throws Error(TINKR_CONFIG)
//     void execute(const tinkr::ir::Query&, tinkr::sdk::Sink&, const tinkr::sdk::CallContext&) override;
//     std::string explain(const tinkr::ir::Query&) override;
//   };
//   TINKR_EXPORT_BACKEND(MyBackend)
//
// The macro defines the exported tinkr_plugin_entry, refuses a host of another ABI major, and fills
// the plugin table with noexcept trampolines that catch every exception at the boundary:
// sdk::Error keeps its status, std::exception becomes TINKR_INTERNAL with what(), anything else
// TINKR_INTERNAL with a fixed message.
#pragma once

#include <tinkr/plugin.h>
#include <tinkr/sdk/error.hpp>
#include <tinkr/sdk/host.hpp>
#include <tinkr/sdk/ir.hpp>
#include <tinkr/sdk/ir_json.hpp>
#include <tinkr/sdk/records.hpp>

#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <string_view>

namespace tinkr::sdk {

/// The bytes of an ingest_stream call (ABI 1.1), pulled piece by piece from the host.
class Reader {
 public:
  Reader(const tinkr_reader* reader, std::string_view source) : reader_(reader), source_(source) {}

  /// Up to `capacity` bytes into `buffer`; 0 at the end of the data. Throws Error(TINKR_INVALID_DATA)
  /// naming the source when the host could not read it.
  std::size_t read(char* buffer, std::size_t capacity) const {
    const int64_t got = reader_ && reader_->read ? reader_->read(reader_->ctx, buffer, capacity) : 0;
    if (got < 0 || static_cast<uint64_t>(got) > capacity)
      throw Error(TINKR_INVALID_DATA, "ingest " + std::string(source_) + ": the input could not be read");
    return static_cast<std::size_t>(got);
  }

 private:
  const tinkr_reader* reader_;
  std::string_view source_;
};

class Backend {
 public:
  virtual ~Backend() = default;

  /// Runs one query, streaming results into sink; stops when an emit returns false. May be called
  /// from several threads at once. Throws Error to fail.
  virtual void execute(const ir::Query& query, Sink& sink, const CallContext& call) = 0;

  /// The native request execute would send for this query, unsent.
  virtual std::string explain(const ir::Query& query) = 0;

  /// A JSON object {"status": "ok" | "error", "message": ...}. The default says ok.
  virtual std::string check_health(const CallContext& /*call*/) { return R"({"status":"ok"})"; }

  /// Stores telemetry (see tinkr_plugin.ingest); returns a JSON summary. The default refuses.
  virtual std::string ingest(std::string_view format, std::string_view /*source*/,
                             std::string_view /*data*/) {
    throw Error(TINKR_UNSUPPORTED, "this backend does not store data (format '" + std::string(format) + "')");
  }

  /// Stores telemetry pulled from `data` (see tinkr_plugin.ingest_stream). The default reads it all and
  /// calls ingest(); a backend that stores as it reads overrides this to keep memory bounded.
  virtual std::string ingest_stream(std::string_view format, std::string_view source, const Reader& data,
                                    const CallContext& /*call*/) {
    std::string all;
    char buffer[65536];
    while (std::size_t got = data.read(buffer, sizeof buffer)) all.append(buffer, got);
    return ingest(format, source, all);
  }

  /// The text of the secret `uri` names (see tinkr_plugin.read_secret, ABI 1.2). Never put the value
  /// in an error. The default refuses: this backend keeps no secrets.
  virtual std::string read_secret(std::string_view uri, const CallContext& /*call*/) {
    const auto colon = uri.find(':');
    throw Error(TINKR_UNSUPPORTED, "this backend reads no secrets ('" +
                                       std::string(uri.substr(0, colon == uri.npos ? 0 : colon)) +
                                       ":' URIs)");
  }
};

namespace detail {

inline tinkr_str copy_string(std::string_view s) {
  char* p = new char[s.size() + 1];
  std::memcpy(p, s.data(), s.size());
  p[s.size()] = '\0';
  return {p, s.size()};
}

inline void free_string(tinkr_str s) noexcept {
  delete[] s.ptr;
}

inline tinkr_error* make_error(int32_t status, std::string_view message, bool retryable = false,
                               int64_t retry_after_ms = 0) noexcept {
  try {
    auto* e = new tinkr_error{};
    e->struct_size = sizeof *e;
    e->status = status;
    e->retryable = retryable ? 1 : 0;
    e->retry_after_ms = retry_after_ms;
    e->message = copy_string(message);
    return e;
  } catch (...) {
    return nullptr;  // out of memory: the status alone must do
  }
}

inline void free_error(tinkr_error* e) noexcept {
  if (!e) return;
  free_string(e->message);
  delete e;
}

/// Runs body and turns any exception into a status plus an error object.
template <typename Body>
int32_t guarded(tinkr_error** out_error, Body&& body) noexcept {
  try {
    return body();
  } catch (const Error& e) {
    if (out_error) *out_error = make_error(e.status(), e.message(), e.retryable(), e.retry_after_ms());
    return e.status();
  } catch (const std::exception& e) {
    if (out_error) *out_error = make_error(TINKR_INTERNAL, std::string("plugin error: ") + e.what());
    return TINKR_INTERNAL;
  } catch (...) {
    if (out_error) *out_error = make_error(TINKR_INTERNAL, "plugin error: unknown exception");
    return TINKR_INTERNAL;
  }
}

/// The host table this plugin was loaded with (one per shared library: symbols are hidden).
inline Host& loaded_host() {
  static Host host;
  return host;
}

template <typename B>
struct Trampolines {
  static B* self(tinkr_instance* i) { return reinterpret_cast<B*>(i); }

  static int32_t describe(tinkr_str* out_json, tinkr_error** out_error) noexcept {
    return guarded(out_error, [&] {
      *out_json = copy_string(B::describe());
      return TINKR_OK;
    });
  }
  static int32_t open(tinkr_str config_json, tinkr_instance** out, tinkr_error** out_error) noexcept {
    return guarded(out_error, [&] {
      *out = reinterpret_cast<tinkr_instance*>(new B(loaded_host(), to_view(config_json)));
      return TINKR_OK;
    });
  }
  static int32_t execute(tinkr_instance* instance, tinkr_str ir_json, const tinkr_sink* sink,
                         const tinkr_cancel* cancel, tinkr_error** out_error) noexcept {
    return guarded(out_error, [&]() -> int32_t {
      ir::Query query = ir::from_json(to_view(ir_json));
      Sink s(sink);
      self(instance)->execute(query, s, loaded_host().call(cancel));
      return s.stop_status();
    });
  }
  static int32_t explain(tinkr_instance* instance, tinkr_str ir_json, tinkr_str* out_text,
                         tinkr_error** out_error) noexcept {
    return guarded(out_error, [&] {
      *out_text = copy_string(self(instance)->explain(ir::from_json(to_view(ir_json))));
      return TINKR_OK;
    });
  }
  static void close(tinkr_instance* instance) noexcept {
    try {
      delete self(instance);
    } catch (...) {
      // a destructor that throws has nowhere to report; the instance is gone either way
    }
  }
  static int32_t check_health(tinkr_instance* instance, const tinkr_cancel* cancel, tinkr_str* out_json,
                              tinkr_error** out_error) noexcept {
    return guarded(out_error, [&] {
      *out_json = copy_string(self(instance)->check_health(loaded_host().call(cancel)));
      return TINKR_OK;
    });
  }
  static int32_t ingest(tinkr_instance* instance, tinkr_str format, tinkr_str source, tinkr_str data,
                        tinkr_str* out_json, tinkr_error** out_error) noexcept {
    return guarded(out_error, [&] {
      *out_json = copy_string(self(instance)->ingest(to_view(format), to_view(source), to_view(data)));
      return TINKR_OK;
    });
  }
  static int32_t ingest_stream(tinkr_instance* instance, tinkr_str format, tinkr_str source,
                               const tinkr_reader* reader, const tinkr_cancel* cancel, tinkr_str* out_json,
                               tinkr_error** out_error) noexcept {
    return guarded(out_error, [&] {
      *out_json = copy_string(self(instance)->ingest_stream(
          to_view(format), to_view(source), Reader(reader, to_view(source)), loaded_host().call(cancel)));
      return TINKR_OK;
    });
  }
  static int32_t read_secret(tinkr_instance* instance, tinkr_str uri, const tinkr_cancel* cancel,
                             tinkr_str* out_value, tinkr_error** out_error) noexcept {
    return guarded(out_error, [&] {
      *out_value = copy_string(self(instance)->read_secret(to_view(uri), loaded_host().call(cancel)));
      return TINKR_OK;
    });
  }
};

template <typename B>
int32_t entry(uint32_t host_major, uint32_t host_minor, const tinkr_host* host,
              const tinkr_plugin** out_plugin, const char** out_reason) noexcept {
  static char reason[256];
  if (host_major != TINKR_PLUGIN_ABI_MAJOR) {
    std::snprintf(reason, sizeof reason, "plugin '%s' was built for plugin ABI %d.x; the host speaks %u.%u",
                  B::kName, TINKR_PLUGIN_ABI_MAJOR, host_major, host_minor);
    if (out_reason) *out_reason = reason;
    return TINKR_PLUGIN_ABI;
  }
  loaded_host() = Host(host);
  static const tinkr_plugin table = {
      sizeof(tinkr_plugin),
      TINKR_PLUGIN_ABI_MAJOR,
      TINKR_PLUGIN_ABI_MINOR,
      B::kName,
      B::kVersion,
      &Trampolines<B>::describe,
      &Trampolines<B>::open,
      &Trampolines<B>::execute,
      &Trampolines<B>::explain,
      &Trampolines<B>::close,
      &detail::free_string,
      &detail::free_error,
      &Trampolines<B>::check_health,
      &Trampolines<B>::ingest,
      &Trampolines<B>::ingest_stream,
      &Trampolines<B>::read_secret,
  };
  *out_plugin = &table;
  return TINKR_OK;
}

}  // namespace detail
}  // namespace tinkr::sdk

/// Exports Class as this shared library's backend. Use once per plugin, at namespace scope.
#define TINKR_EXPORT_BACKEND(Class)                                                                          \
  extern "C" TINKR_PLUGIN_EXPORT int32_t tinkr_plugin_entry(                                                 \
      uint32_t host_abi_major, uint32_t host_abi_minor, const tinkr_host* host,                              \
      const tinkr_plugin** out_plugin, const char** out_reason) {                                            \
    return ::tinkr::sdk::detail::entry<Class>(host_abi_major, host_abi_minor, host, out_plugin, out_reason); \
  }
