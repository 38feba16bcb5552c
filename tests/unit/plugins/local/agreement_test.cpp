// The local backend declares every operator it pushes down exact, so its SQL must give the same
// answer as the core's residual evaluator (planner::matches) on the same records. This runs every
// field x operator x value (regexes included; and each one negated) both ways over records built to hit the
// edges: absent and empty fields, numbers in text, booleans, JSON null, nested attributes, odd severities.
#include "test_support.hpp"

#include <tinkr/planner.hpp>
#include <tinkr/records.hpp>

#include <set>

namespace tinkr::local::testing {
namespace {

std::string kv(const std::string& key, const std::string& any) {
  return R"({"key":")" + key + R"(","value":)" + any + "}";
}
std::string str(const std::string& s) {
  return R"({"stringValue":")" + s + R"("})";
}

std::string log(int time, int severity, const std::string& text, const std::string& body,
                const std::string& service, const std::string& attributes, const std::string& trace = "") {
  std::string fields = R"("timeUnixNano":")" + std::to_string(time) + R"(","severityNumber":)" +
                       std::to_string(severity) + R"(,"severityText":")" + text +
                       R"(","body":{"stringValue":")" + body + R"("},"attributes":[)" + attributes + "]";
  if (!trace.empty()) fields += R"(,"traceId":")" + trace + R"(","spanId":"00000000000000a1")";
  return log_line(service, fields);
}

const std::string kTrace = "0123456789abcdef0123456789abcdef";

std::string span(int n, const std::string& parent, const std::string& name, int64_t start, int64_t end,
                 int kind, int status, const std::string& attributes) {
  char id[17];
  std::snprintf(id, sizeof id, "%016x", n);
  return R"({"traceId":")" + kTrace + R"(","spanId":")" + id + R"(","parentSpanId":")" + parent +
         R"(","name":")" + name + R"(","kind":)" + std::to_string(kind) + R"(,"startTimeUnixNano":")" +
         std::to_string(start) + R"(","endTimeUnixNano":")" + std::to_string(end) + R"(","status":{"code":)" +
         std::to_string(status) + R"(},"attributes":[)" + attributes + "]}";
}

class AgreementTest : public LocalTest {
 protected:
  void SetUp() override {
    LocalTest::SetUp();
    const std::string nested = R"({"kvlistValue":{"values":[)" + kv("inner", str("a")) + "]}}";
    ingest(log(1, 17, "Error", "Connection timeout to orders-db", "payments-api",
               kv("s", str("error")) + "," + kv("n", R"({"intValue":"500"})") + "," +
                   kv("r", R"({"doubleValue":0.5})") + "," + kv("b", R"({"boolValue":true})") + "," +
                   kv("num_text", str("500")) + "," + kv("empty", str("")) + "," + kv("nul", "{}") + "," +
                   kv("obj", nested),
               kTrace) +
           log(2, 9, "INFO", "order placed", "checkout",
               kv("s", str("a")) + "," + kv("n", R"({"intValue":"13"})") + "," +
                   kv("r", R"({"doubleValue":500.0})") + "," + kv("b", R"({"boolValue":false})") + "," +
                   kv("num_text", str("abc"))) +
           log(3, 0, "", "", "x' OR 1=1 --", "") +
           log(4, 0, "warning", "ERROR in caps", "checkout",
               kv("s", str("ERROR")) + "," + kv("n", R"({"intValue":"17"})")) +
           log(5, 24, "FATAL", "true", "payments-api",
               kv("s", str("true")) + "," + kv("b", R"({"boolValue":true})") + "," +
                   kv("n", R"({"intValue":"0"})")) +
           log(6, 5, "debug", "500", "inventory",
               kv("num_text", str("5e2")) + "," + kv("r", R"({"doubleValue":-1.25})")) +
           log(7, 13, "WARN", "a", "inventory",
               kv("obj.inner", str("flat")) + "," +
                   kv("obj", R"({"kvlistValue":{"values":[)" + kv("inner", str("nested")) + "]}}")));
    const std::string spans =
        span(1, "", "POST /checkout", 1000, 9000, 2, 2,
             kv("http.response.status_code", R"({"intValue":"502"})")) +
        "," +
        span(2, "0000000000000001", "GET inventory", 1100, 1200, 3, 0, kv("peer.service", str("inventory"))) +
        "," +
        span(3, "0000000000000001", "POST payments-api", 1300, 8000, 3, 2,
             kv("http.response.status_code", R"({"intValue":"503"})") + "," +
                 kv("n", R"({"intValue":"500"})")) +
        "," +
        span(4, "0000000000000003", "SELECT orders", 1400, 7000, 3, 1, kv("db.system", str("postgresql"))) +
        "," + span(5, "00000000000000ff", "orphan", 2000, 2000, 1, 0, "");
    ingest(
        R"({"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"checkout"}}]},"scopeSpans":[{"spans":[)" +
        spans + "]}]}]}\n");
  }

  std::vector<Record> all_logs() {
    auto q = logs_query();
    q.order.descending = false;
    std::vector<Record> out;
    for (auto& l : run(q).logs)
      out.push_back(LogRecord{l.time_ns, l.severity_number, l.severity_text, l.body, l.service, l.trace_id,
                              l.span_id, l.attributes_json, 1});
    return out;
  }

  std::vector<Record> spans(const ir::Filter& filter) {
    ir::Query q;
    q.signal = ir::Signal::trace_get;
    q.trace_id = kTrace;
    q.filter = filter;
    std::vector<Record> out;
    for (auto& s : run(q).spans) {
      Span r;
      r.trace_id = s.trace_id, r.span_id = s.span_id, r.parent_span_id = s.parent_span_id,
      r.service = s.service;
      r.name = s.name, r.kind = s.kind, r.start_ns = s.start_ns, r.duration_ns = s.duration_ns;
      r.status = static_cast<SpanStatus>(s.status), r.status_code = s.status_code;
      r.attributes_json = s.attributes_json, r.events_json = s.events_json;
      out.push_back(std::move(r));
    }
    return out;
  }

  static std::vector<ir::Value> values() {
    return {std::string("error"),
            std::string("ERROR"),
            std::string("500"),
            std::string("a"),
            std::string(""),
            std::string("true"),
            std::string("x' OR 1=1 --"),
            std::string("ok"),
            std::string("server"),
            std::string("5e2"),
            std::string("POST"),
            int64_t{17},
            int64_t{13},
            int64_t{500},
            int64_t{0},
            int64_t{1200},
            int64_t{6000},
            0.5,
            500.0,
            -1.25,
            true,
            false};
  }

  static std::vector<ir::Filter> filters(const std::vector<std::string>& fields) {
    std::vector<ir::Filter> out;
    const ir::Op ops[] = {ir::Op::eq, ir::Op::ne, ir::Op::lt,       ir::Op::le,
                          ir::Op::gt, ir::Op::ge, ir::Op::contains, ir::Op::startswith};
    for (const auto& field : fields) {
      out.push_back(ir::Filter::make_predicate(field, ir::Op::exists, {}));
      for (auto op : ops)
        for (const auto& v : values()) out.push_back(ir::Filter::make_predicate(field, op, {v}));
      out.push_back(
          ir::Filter::make_predicate(field, ir::Op::in, {std::string("error"), int64_t{500}, true}));
      // SQL's REGEXP and the core both run RE2 on the field's text: numbers, severities, statuses,
      // booleans and nested attributes included.
      for (const char* pattern : {"^error$", "(?i)^error", "5.0", "^$", "time(d )?out", "^[A-Z]", "e\\b",
                                  "^(true|1)$", "^-?[0-9.]+$", "inner", "."})
        out.push_back(ir::Filter::make_predicate(field, ir::Op::matches, {std::string(pattern)}));
    }
    for (const auto& text : {"timeout", "ERROR", "", "500"}) out.push_back(ir::Filter::make_text(text));
    const std::size_t plain = out.size();
    for (std::size_t i = 0; i < plain; ++i) out.push_back(ir::Filter::make_not(out[i]));
    return out;
  }
};

TEST_F(AgreementTest, LogFiltersAgreeWithTheCore) {
  const auto records = all_logs();
  ASSERT_EQ(records.size(), 7u);
  int checked = 0;
  for (const auto& filter :
       filters({"time", "severity", "body", "service", "trace_id", "span_id", "name", "attributes.s",
                "attributes.n", "attributes.r", "attributes.b", "attributes.num_text", "attributes.empty",
                "attributes.nul", "attributes.obj.inner", "attributes.obj", "attributes.missing"})) {
    std::set<int64_t> expected, actual;
    for (const auto& r : records)
      if (planner::matches(filter, r)) expected.insert(std::get<LogRecord>(r).time_ns);
    auto q = logs_query();
    q.filter = filter;
    for (const auto& l : run(q).logs) actual.insert(l.time_ns);
    EXPECT_EQ(actual, expected) << "filter " << ir::to_json(filter) << "\nsql " << backend_->explain(q);
    ++checked;
  }
  EXPECT_GT(checked, 3000);
}

TEST_F(AgreementTest, SpanFiltersAgreeWithTheCore) {
  const auto records = spans(ir::Filter::all());
  ASSERT_EQ(records.size(), 5u);
  for (const auto& filter : filters({"time", "duration", "name", "status", "status_code", "kind",
                                     "parent_span_id", "span_id", "attributes.http.response.status_code",
                                     "attributes.n", "attributes.db.system", "severity", "body"})) {
    std::set<std::string> expected, actual;
    for (const auto& r : records)
      if (planner::matches(filter, r)) expected.insert(std::get<Span>(r).name);
    try {
      for (const auto& r : spans(filter)) actual.insert(std::get<Span>(r).name);
    } catch (const sdk::Error& e) {
      ADD_FAILURE() << ir::to_json(filter) << ": " << e.what();
    }
    EXPECT_EQ(actual, expected) << "filter " << ir::to_json(filter);
  }
}

}  // namespace
}  // namespace tinkr::local::testing
