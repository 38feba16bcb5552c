// The example backend: serves a handful of canned log records and filters them by service and
// severity itself (declared in describe(), so the core pushes those predicates down and evaluates
// the rest). Copy this file to start a backend of your own.
#include <tinkr/sdk/backend.hpp>

#include <string>

namespace example {

using namespace tinkr;

struct CannedRecord {
  int64_t seconds_before_end;
  int32_t severity;
  const char* service;
  const char* body;
};

constexpr CannedRecord kRecords[] = {
    {10, ir::kSeverityError, "web", "upstream connection timeout"},
    {20, ir::kSeverityInfo, "web", "GET /index.html 200"},
    {30, ir::kSeverityWarn, "web", "slow response from cache"},
    {40, ir::kSeverityInfo, "worker", "job 42 finished"},
};

/// True when the record passes a pushed-down severity predicate (ranges, as the IR defines them).
bool severity_matches(const ir::Predicate& p, int32_t severity) {
  const int32_t have = ir::severity_range(severity);
  const int32_t want = ir::severity_range(std::get<int64_t>(p.values.front()));
  switch (p.op) {
    case ir::Op::eq:
      return have == want;
    case ir::Op::ge:
      return have >= want;
    case ir::Op::gt:
      return have > want;
    case ir::Op::le:
      return have <= want;
    case ir::Op::lt:
      return have < want;
    default:
      return have != want;
  }
}

class ExampleBackend final : public sdk::Backend {
 public:
  static constexpr const char* kName = "example";
  static constexpr const char* kVersion = "1.0.0";

  static std::string describe() {
    return R"({"name":"example","version":"1.0.0","description":"canned records: a template for backends",)"
           R"("signals":["logs"],"native_language":"none",)"
           R"("pushdown":{"fields":["severity"],"operators":["eq","ne","lt","le","gt","ge"],)"
           R"("exact_operators":["eq","ne","lt","le","gt","ge"],"text_search":false,"or":false,"not":false,)"
           R"("order":true,"limit":true}})";
  }

  ExampleBackend(const sdk::Host& host, std::string_view /*config_json*/) {
    host.info("example backend opened");
  }

  // A backend of a real system sends its query here: host.http(request, call) for a small answer, or
  // host.open(request, call) for a big one, whose stream.read(buffer, capacity) this thread calls
  // until it returns 0, decoding each piece and emitting records as they come (sink.emit returning
  // false means the caller has enough: stop reading, and the host closes the connection).
  void execute(const ir::Query& q, sdk::Sink& sink, const sdk::CallContext& call) override {
    int64_t sent = 0;
    for (const auto& canned : kRecords) {
      call.throw_if_cancelled();
      if (!q.service.empty() && q.service != canned.service) continue;
      if (!passes_pushed_filter(q.filter, canned.severity)) continue;
      if (q.limit > 0 && sent == q.limit) return;
      sdk::LogRecord r;
      r.time_ns = q.time.to_ns - canned.seconds_before_end * 1'000'000'000;
      r.severity_number = canned.severity;
      r.severity_text = ir::severity_text(canned.severity);
      r.body = canned.body;
      r.service = canned.service;
      if (!sink.emit(r)) return;
      ++sent;
    }
  }

  std::string explain(const ir::Query& q) override {
    return "canned records where service == '" + q.service + "' and " + ir::to_json(q.filter);
  }

 private:
  // The planner only pushes what describe() allows: severity comparisons, possibly under an and.
  static bool passes_pushed_filter(const ir::Filter& f, int32_t severity) {
    if (f.kind == ir::Filter::Kind::predicate) return severity_matches(f.predicate, severity);
    if (f.kind == ir::Filter::Kind::and_) {
      for (const auto& child : f.children)
        if (!passes_pushed_filter(child, severity)) return false;
    }
    return true;
  }
};

}  // namespace example

TINKR_EXPORT_BACKEND(example::ExampleBackend)
