// The mock backend. Options: {"records": N} (default 100). The query's service name picks a
// behaviour: "fail-<status>" fails with that status (e.g. fail-throttled), "throw" throws a plain
// C++ exception, "stall-<ms>" works for that long (or until cancelled), "partial" adds a warning,
// "cut-<status>" fails with that status after its records (an answer cut short),
// "fixed-times" serves log records at fixed times (emit_fixed_logs) so that a test can page through them.
//
// Built twice. libtinkr-mock.so returns records newest first and declares it can order them.
// libtinkr-mock-unordered.so (TINKR_MOCK_CANNOT_ORDER) declares "order": false and returns the same
// records scrambled: describe() is read before any options are, so a build of its own is how a test
// gets a backend for the engine's sort in core.
#include <tinkr/sdk/backend.hpp>
#include <tinkr/sdk/table_schema.hpp>

#include <rapidjson/document.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>

#include "mock_records.hpp"

namespace tinkr::mock {
namespace {

tinkr_status status_from_name(std::string_view name) {
  for (int32_t s = TINKR_INVALID_QUERY; s <= TINKR_INTERNAL; ++s)
    if (sdk::status_name(s) == name) return static_cast<tinkr_status>(s);
  return TINKR_INTERNAL;
}

void behave(const ir::Query& q, sdk::Sink& sink, const sdk::CallContext& call) {
  const std::string& service = q.service;
  if (service.starts_with("fail-")) {
    auto status = status_from_name(std::string_view(service).substr(5));
    throw sdk::Error(status, "mock failure: " + std::string(sdk::status_name(status)),
                     status == TINKR_THROTTLED, status == TINKR_THROTTLED ? 1500 : 0);
  }
  if (service == "throw") throw std::runtime_error("boom");
  if (service.starts_with("stall-")) {
    // Stands for a slow upstream call: the plugin, not a test, waits here, checking for cancellation.
    const auto until =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(std::stoll(service.substr(6)));
    while (std::chrono::steady_clock::now() < until) {
      call.throw_if_cancelled();
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  if (service == "partial") sink.warn("partial result: the mock stopped after some records");
}

#ifdef TINKR_MOCK_CANNOT_ORDER
constexpr bool kCanOrder = false;
#else
constexpr bool kCanOrder = true;
#endif

}  // namespace

class MockBackend final : public sdk::Backend {
 public:
  static constexpr const char* kName = kCanOrder ? "mock" : "mock-unordered";
  static constexpr const char* kVersion = "1.0.0";

  static std::string describe() {
    return R"({"name":")" + std::string(kName) +
           R"(","version":"1.0.0","description":"test double: answers at once, filters nothing",)"
           R"("signals":["logs","metrics","trace_search","trace_get","native"],"native_language":"mock","schema":true,)"
           R"("pushdown":{"fields":[],"operators":[],"exact_operators":[],"text_search":false,"or":false,)"
           R"("not":false,"order":)" +
           std::string(kCanOrder ? "true" : "false") + R"(,"limit":true,"max_limit":0}})";
  }

  MockBackend(const sdk::Host&, std::string_view config_json) {
    rapidjson::Document doc;
    doc.Parse(config_json.data(), config_json.size());
    if (doc.HasParseError() || !doc.IsObject())
      throw sdk::Error(TINKR_CONFIG, "options must be a JSON object");
    for (auto it = doc.MemberBegin(); it != doc.MemberEnd(); ++it) {
      std::string_view key(it->name.GetString(), it->name.GetStringLength());
      if (key == "records" && it->value.IsInt64() && it->value.GetInt64() >= 0)
        records_ = it->value.GetInt64();
      else if (key == "fail_open" && it->value.IsString())
        throw sdk::Error(TINKR_CONFIG, std::string(it->value.GetString(), it->value.GetStringLength()));
      else
        throw sdk::Error(TINKR_CONFIG, "option '" + std::string(key) + "' is unknown or invalid");
    }
  }

  void execute(const ir::Query& q, sdk::Sink& sink, const sdk::CallContext& call) override {
    behave(q, sink, call);
    const int64_t count = q.limit > 0 && q.limit < records_ ? q.limit : records_;
    const EmitOrder order = kCanOrder ? EmitOrder::newest_first : EmitOrder::scrambled;
    switch (q.signal) {
      case ir::Signal::logs:
        if (q.service == "fixed-times")
          emit_fixed_logs(q, records_, sink);
        else
          emit_logs(q, count, order, sink, call);
        break;
      case ir::Signal::trace_search:
        emit_traces(q, count, order, sink);
        break;
      case ir::Signal::trace_get:
        emit_trace(q, sink);
        break;
      case ir::Signal::metrics:
        emit_metrics(q, sink);
        break;
      case ir::Signal::native:
        emit_table(q, count, sink);
        break;
      case ir::Signal::schema: {
        const sdk::SchemaColumn columns[] = {{"id", "long"}, {"message", "string"}};
        sdk::emit_table_schema(sink, q.table, "mock", columns);
        break;
      }
      case ir::Signal::log_groups:  // not in its describe: the core never sends it
        throw sdk::Error(TINKR_UNSUPPORTED, "mock: no log groups");
    }
    if (q.service.starts_with("cut-"))
      throw sdk::Error(status_from_name(std::string_view(q.service).substr(4)),
                       "mock: the answer ended after " + std::to_string(count) + " records");
  }

  std::string explain(const ir::Query& q) override { return "MOCK " + ir::to_json(q); }

 private:
  int64_t records_ = 100;
};

}  // namespace tinkr::mock

TINKR_EXPORT_BACKEND(tinkr::mock::MockBackend)
