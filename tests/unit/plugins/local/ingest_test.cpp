// Ingest of OTLP/JSON into the local backend: each signal lands in its table with every field, and a
// bad file names source, line and field and leaves nothing behind.
#include "test_support.hpp"

#include <tinkr/sdk/error.hpp>

namespace tinkr::local::testing {
namespace {

constexpr const char* kTrace = "5B8EFFF798038103D269B633813FC60C";  // upper case on purpose
constexpr const char* kSpan = "EEE19B7EC3C1B174";

std::string ingest_error(LocalBackend& backend, const std::string& data) {
  try {
    backend.ingest("otlp-json", "demo.jsonl", data);
  } catch (const sdk::Error& e) {
    EXPECT_EQ(e.status(), TINKR_INVALID_DATA) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "ingest accepted bad data: " << data;
  return {};
}

TEST_F(LocalTest, LogRecordsKeepEveryField) {
  const std::string line = log_line(
      "payments-api",
      std::string(R"("timeUnixNano":"1700000000000000001","severityNumber":17,"severityText":"Error",)") +
          R"("body":{"stringValue":"connection timeout"},"traceId":")" + kTrace + R"(","spanId":")" + kSpan +
          R"(",)" +
          R"("attributes":[{"key":"http.status","value":{"intValue":"503"}},{"key":"retry","value":{"boolValue":true}},)" +
          R"({"key":"ratio","value":{"doubleValue":0.5}},{"key":"tags","value":{"arrayValue":{"values":[{"stringValue":"a"}]}}},)" +
          R"({"key":"peer","value":{"kvlistValue":{"values":[{"key":"name","value":{"stringValue":"db"}}]}}}])");
  EXPECT_EQ(ingest(line), R"({"logs":1,"spans":0,"metric_points":0})");
  auto out = run(logs_query("payments-api"));
  ASSERT_EQ(out.logs.size(), 1u);
  const auto& r = out.logs[0];
  EXPECT_EQ(r.time_ns, 1700000000000000001);
  EXPECT_EQ(r.severity_number, 17);
  EXPECT_EQ(r.severity_text, "Error");
  EXPECT_EQ(r.body, "connection timeout");
  EXPECT_EQ(r.service, "payments-api");
  EXPECT_EQ(r.trace_id, "5b8efff798038103d269b633813fc60c") << "ids are stored lowercase";
  EXPECT_EQ(r.span_id, "eee19b7ec3c1b174");
  EXPECT_EQ(r.attributes_json,
            R"({"http.status":503,"retry":true,"ratio":0.5,"tags":["a"],"peer":{"name":"db"}})");
}

TEST_F(LocalTest, LogSeverityMayBeAnEnumNameOrOnlyText) {
  ingest(
      log_line("a",
               R"("timeUnixNano":"10","severityNumber":"SEVERITY_NUMBER_WARN","body":{"stringValue":"x"})") +
      log_line("a", R"("timeUnixNano":"11","severityText":"error","body":{"intValue":"42"})") +
      log_line("a", R"("observedTimeUnixNano":"12")"));
  auto q = logs_query("a");
  q.order.descending = false;
  auto out = run(q);
  ASSERT_EQ(out.logs.size(), 3u);
  EXPECT_EQ(out.logs[0].severity_number, 13);
  EXPECT_EQ(out.logs[1].severity_number, 17) << "the number is derived from a known text";
  EXPECT_EQ(out.logs[1].body, "42") << "a non-string body is kept as its JSON text";
  EXPECT_EQ(out.logs[2].time_ns, 12) << "observedTimeUnixNano stands in for a missing time";
}

std::string span_json(const std::string& id, const std::string& parent, const std::string& name,
                      int64_t start, int64_t end, const std::string& extra = "") {
  return R"({"traceId":")" + std::string(kTrace) + R"(","spanId":")" + id + R"(")" +
         (parent.empty() ? "" : R"(,"parentSpanId":")" + parent + R"(")") + R"(,"name":")" + name +
         R"(","startTimeUnixNano":")" + std::to_string(start) + R"(","endTimeUnixNano":")" +
         std::to_string(end) + R"(")" + extra + "}";
}

std::string spans_line(const std::string& service, const std::string& spans) {
  return R"({"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":")" +
         service + R"("}}]},"scopeSpans":[{"spans":[)" + spans + "]}]}]}\n";
}

TEST_F(LocalTest, SpansKeepTheirTreeStatusAndEvents) {
  ingest(spans_line(
      "checkout",
      span_json(
          "00000000000000a1", "", "POST /checkout", 1000, 9000,
          R"(,"kind":"SPAN_KIND_SERVER","status":{"code":2},"attributes":[{"key":"http.response.status_code","value":{"intValue":"502"}}])") +
          "," +
          span_json(
              "00000000000000a2", "00000000000000a1", "POST payments-api", 2000, 8000,
              R"(,"kind":3,"events":[{"timeUnixNano":"3000","name":"exception","attributes":[{"key":"exception.type","value":{"stringValue":"Timeout"}}]}])") +
          "," + span_json("00000000000000a3", "00000000000000ff", "lost child", 4000, 5000)));
  ir::Query q;
  q.signal = ir::Signal::trace_get;
  q.trace_id = kTrace;
  auto out = run(q);
  ASSERT_EQ(out.spans.size(), 3u);
  EXPECT_EQ(out.spans[0].name, "POST /checkout");
  EXPECT_EQ(out.spans[0].kind, "server");
  EXPECT_EQ(out.spans[0].status, TINKR_SPAN_STATUS_ERROR);
  EXPECT_EQ(out.spans[0].status_code, "502") << "status_code comes from http.response.status_code";
  EXPECT_EQ(out.spans[0].duration_ns, 8000);
  EXPECT_EQ(out.spans[0].flags, 0u);
  EXPECT_EQ(out.spans[1].kind, "client");
  EXPECT_EQ(out.spans[1].parent_span_id, "00000000000000a1");
  EXPECT_EQ(out.spans[1].events_json,
            R"([{"time_unix_nano":3000,"name":"exception","attributes":{"exception.type":"Timeout"}}])");
  EXPECT_EQ(out.spans[1].flags, 0u);
  EXPECT_EQ(out.spans[2].flags, TINKR_SPAN_FLAG_ORPHAN) << "its parent is not in the trace";
}

TEST_F(LocalTest, MetricPointsOfEveryKindAggregate) {
  const int64_t minute = 60'000'000'000;
  const int64_t t0 = 1'700'000'000'000'000'000 / minute * minute;
  auto ts = [&](int i) { return "\"" + std::to_string(t0 + i * minute + 1) + "\""; };
  std::string line =
      R"({"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"svc"}}]},"scopeMetrics":[{"metrics":[)"
      R"({"name":"cpu","unit":"1","gauge":{"dataPoints":[{"timeUnixNano":)" +
      ts(0) + R"(,"asDouble":0.5},{"timeUnixNano":)" + ts(0) + R"(,"asDouble":0.7}]}},)" +
      R"({"name":"requests","unit":"{request}","sum":{"aggregationTemporality":1,"isMonotonic":true,"dataPoints":[{"timeUnixNano":)" +
      ts(0) + R"(,"asInt":"10"},{"timeUnixNano":)" + ts(1) + R"(,"asInt":"5"}]}},)" +
      R"({"name":"latency","unit":"ms","histogram":{"dataPoints":[{"timeUnixNano":)" + ts(0) +
      R"(,"count":"4","sum":40,"min":2,"max":20},{"timeUnixNano":)" + ts(0) +
      R"(,"count":"1","sum":100}]}}]}]}]})" + "\n";
  EXPECT_EQ(ingest(line), R"({"logs":0,"spans":0,"metric_points":6})");

  ir::Query q;
  q.signal = ir::Signal::metrics;
  q.service = "svc";
  q.time = {t0, t0 + 2 * minute};
  q.metrics.names = {"cpu", "latency", "requests"};
  q.metrics.interval_ns = minute;
  auto out = run(q);
  ASSERT_EQ(out.series.size(), 3u) << "one series per metric with its default aggregation";
  EXPECT_EQ(out.series[0].metric, "cpu");
  EXPECT_EQ(out.series[0].aggregation, "avg");
  ASSERT_EQ(out.series[0].points.size(), 2u);
  EXPECT_DOUBLE_EQ(out.series[0].points[0].value, 0.6);
  EXPECT_EQ(out.series[0].points[1].has_value, 0) << "no point in the second minute";
  EXPECT_EQ(out.series[1].metric, "latency");
  EXPECT_DOUBLE_EQ(out.series[1].points[0].value, 140.0 / 5) << "histogram average weighs by count";
  EXPECT_EQ(out.series[2].aggregation, "sum");
  EXPECT_EQ(out.series[2].unit, "{request}");
  EXPECT_DOUBLE_EQ(out.series[2].points[0].value, 10);
  EXPECT_DOUBLE_EQ(out.series[2].points[1].value, 5);

  q.metrics.names = {"latency"};
  q.metrics.aggregations = {ir::Aggregation::min, ir::Aggregation::max, ir::Aggregation::count};
  out = run(q);
  ASSERT_EQ(out.series.size(), 3u);
  EXPECT_DOUBLE_EQ(out.series[0].points[0].value, 2);
  EXPECT_DOUBLE_EQ(out.series[1].points[0].value, 100) << "a histogram without max uses its mean";
  EXPECT_DOUBLE_EQ(out.series[2].points[0].value, 5);
}

TEST_F(LocalTest, BadRecordsNameSourceLineAndField) {
  const std::string good = log_line("a", R"("timeUnixNano":"1")");
  struct Case {
    std::string data, message;
  };
  const std::vector<Case> cases = {
      {good + "\n" +
           log_line(
               "a",
               R"("timeUnixNano":"1"},{"timeUnixNano":"1"},{"timeUnixNano":"1"},{"timeUnixNano":"12:00")"),
       "ingest demo.jsonl: line 3: resourceLogs[0].scopeLogs[0].logRecords[3].timeUnixNano: expected a "
       "decimal string"},
      {good + "{\"resourceLogs\": [", "ingest demo.jsonl: line 2: invalid JSON at column 19: "},
      {"[1,2]\n", "ingest demo.jsonl: line 1: expected a JSON object (an OTLP export request)"},
      {"{\"hello\":1}\n",
       "ingest demo.jsonl: line 1: expected an OTLP/JSON export request with resourceLogs, resourceSpans or "
       "resourceMetrics"},
      {"{\"resourceLogs\":{}}\n", "ingest demo.jsonl: line 1: resourceLogs: expected an array"},
      {log_line("a", R"("timeUnixNano":"1","traceId":"xyz")"),
       "ingest demo.jsonl: line 1: resourceLogs[0].scopeLogs[0].logRecords[0].traceId: expected 32 hex "
       "digits"},
      {log_line("a", R"("timeUnixNano":"1","severityNumber":99)"),
       "ingest demo.jsonl: line 1: resourceLogs[0].scopeLogs[0].logRecords[0].severityNumber: expected 0 to "
       "24"},
      {log_line("a", R"("severityNumber":1)"),
       "ingest demo.jsonl: line 1: resourceLogs[0].scopeLogs[0].logRecords[0].timeUnixNano: missing"},
      {log_line("a", R"("timeUnixNano":"1","attributes":[{"key":"k","value":{"mapValue":1}}])"),
       "ingest demo.jsonl: line 1: resourceLogs[0].scopeLogs[0].logRecords[0].attributes[0].value.mapValue: "
       "unknown "
       "AnyValue kind"},
      {spans_line("s", R"({"spanId":"00000000000000a1","startTimeUnixNano":"1","endTimeUnixNano":"2"})"),
       "ingest demo.jsonl: line 1: resourceSpans[0].scopeSpans[0].spans[0].traceId: missing"},
      {spans_line("s", span_json("00000000000000a1", "", "x", 5, 4)),
       "ingest demo.jsonl: line 1: resourceSpans[0].scopeSpans[0].spans[0].endTimeUnixNano: before "
       "startTimeUnixNano"},
      {R"({"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"m","unit":"1"}]}]}]})",
       "ingest demo.jsonl: line 1: resourceMetrics[0].scopeMetrics[0].metrics[0]: expected one of gauge, "
       "sum"},
      {R"({"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"m","gauge":{"dataPoints":[{"timeUnixNano":"1"}]}}]}]}]})",
       "ingest demo.jsonl: line 1: resourceMetrics[0].scopeMetrics[0].metrics[0].gauge.dataPoints[0]: "
       "expected asDouble "
       "or asInt"},
  };
  for (const auto& c : cases) {
    std::string message = ingest_error(*backend_, c.data);
    EXPECT_EQ(message.substr(0, c.message.size()), c.message) << "for data: " << c.data;
  }
}

TEST_F(LocalTest, AFailedFileLeavesNothingHalfWritten) {
  ingest(log_line("a", R"("timeUnixNano":"1")"));
  std::string data;
  for (int i = 0; i < 50; ++i) data += log_line("a", R"("timeUnixNano":"2")");
  data += spans_line("a", span_json("00000000000000a1", "", "x", 1, 2));
  data += log_line("a", R"("timeUnixNano":"oops")");
  ingest_error(*backend_, data);
  EXPECT_EQ(run(logs_query("a")).logs.size(), 1u) << "only the earlier, successful file's record remains";
  ir::Query q;
  q.signal = ir::Signal::trace_search;
  EXPECT_TRUE(run(q).summaries.empty()) << "the failed file's spans are gone too";
  // The writer is still usable after the rollback.
  EXPECT_EQ(ingest(log_line("a", R"("timeUnixNano":"3")")), R"({"logs":1,"spans":0,"metric_points":0})");
}

TEST_F(LocalTest, UnknownFormatIsRefused) {
  try {
    backend_->ingest("csv", "x.csv", "a,b\n");
    FAIL() << "csv accepted";
  } catch (const sdk::Error& e) {
    EXPECT_EQ(e.status(), TINKR_UNSUPPORTED);
    EXPECT_STREQ(e.what(), "ingest x.csv: unknown format 'csv' (the local backend reads otlp-json)");
  }
}

TEST_F(LocalTest, ReadOnlyInstanceQueriesButRefusesIngest) {
  ingest(log_line("a", R"("timeUnixNano":"1")"));
  Options options;
  options.path = (dir_ / "local.db").string();
  options.read_only = true;
  LocalBackend reader(options);
  try {
    reader.ingest("otlp-json", "x", log_line("a", R"("timeUnixNano":"2")"));
    FAIL() << "a read-only instance stored data";
  } catch (const sdk::Error& e) {
    EXPECT_EQ(e.status(), TINKR_UNSUPPORTED);
  }
  Collected out;
  tinkr_sink raw = out.sink();
  sdk::Sink sink(&raw);
  reader.execute(logs_query("a"), sink, sdk::CallContext(nullptr, nullptr));
  EXPECT_EQ(out.logs.size(), 1u);
}

}  // namespace
}  // namespace tinkr::local::testing
