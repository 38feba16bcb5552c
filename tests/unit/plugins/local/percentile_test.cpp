// Percentiles on the local store, on data whose answers are known: nearest rank over a gauge's point
// values per bucket, over the server spans' durations for a request-duration histogram (grouped by the
// spans' attributes), and a clear refusal for a histogram whose values the store does not keep.
#include "test_support.hpp"

#include <tinkr/sdk/error.hpp>

namespace tinkr::local::testing {
namespace {

constexpr int64_t kMinute = 60'000'000'000;
constexpr int64_t kMs = 1'000'000;
const int64_t kT0 = 1'700'000'000'000'000'000 / kMinute * kMinute;

ir::Aggregation agg(const char* name) {
  return *ir::aggregation_from_string(name);
}

std::string gauge_point(int64_t time, double value) {
  return R"({"timeUnixNano":")" + std::to_string(time) + R"(","asDouble":)" + std::to_string(value) + "}";
}

// Gauge "queue" of svc: 1..20 in minute 0, then 4, 3, 2, 1 in minute 1.
std::string gauge_line() {
  std::string points;
  for (int v = 1; v <= 20; ++v) points += (points.empty() ? "" : ",") + gauge_point(kT0 + v, v);
  for (int v = 4; v >= 1; --v) points += "," + gauge_point(kT0 + kMinute + v, v);
  return R"({"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"svc"}}]},"scopeMetrics":[{"metrics":[)"
         R"({"name":"queue","unit":"1","gauge":{"dataPoints":[)" +
         points +
         R"(]}},)"
         R"({"name":"latency","unit":"ms","histogram":{"dataPoints":[{"timeUnixNano":")" +
         std::to_string(kT0 + 1) + R"(","count":"2","sum":40,"min":2,"max":38}]}}]}]}]})" + "\n";
}

// Server spans of svc lasting 1..100 ms in minute 0 (even ones on route /a, odd ones on /b), and a
// client span of 5 s that is not a request and must not count.
std::string spans_line() {
  std::string spans;
  for (int i = 1; i <= 101; ++i) {
    const bool client = i == 101;
    const int64_t start = kT0 + i * 1000;
    const int64_t duration = client ? 5000 * kMs : i * kMs;
    char id[17];
    std::snprintf(id, sizeof id, "%016x", i);
    spans += std::string(spans.empty() ? "" : ",") + R"({"traceId":"0000000000000000000000000000000)" +
             (client ? "2" : "1") + R"(","spanId":")" + id + R"(","name":"GET","kind":)" +
             (client ? "3" : "2") + R"(,"startTimeUnixNano":")" + std::to_string(start) +
             R"(","endTimeUnixNano":")" + std::to_string(start + duration) +
             R"(","attributes":[{"key":"http.route","value":{"stringValue":")" + (i % 2 ? "/b" : "/a") +
             R"("}}]})";
  }
  return R"({"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"svc"}}]},"scopeSpans":[{"spans":[)" +
         spans + "]}]}]}\n";
}

// http.server.duration of svc in minute 0, per route (its points give avg/min/max; spans the ranks).
std::string request_histogram_line() {
  std::string points;
  for (const char* route : {"/a", "/b"})
    points +=
        std::string(points.empty() ? "" : ",") + R"({"timeUnixNano":")" + std::to_string(kT0 + 1) +
        R"(","count":"50","sum":2500,"min":1,"max":100,"attributes":[{"key":"http.route","value":{"stringValue":")" +
        route + R"("}}]})";
  return R"({"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"svc"}}]},"scopeMetrics":[{"metrics":[)"
         R"({"name":"http.server.duration","unit":"ms","histogram":{"dataPoints":[)" +
         points + "]}}]}]}]}\n";
}

ir::Query metrics_query(std::vector<std::string> names, std::vector<ir::Aggregation> aggregations) {
  ir::Query q;
  q.signal = ir::Signal::metrics;
  q.service = "svc";
  q.time = {kT0, kT0 + 2 * kMinute};
  q.metrics.names = std::move(names);
  q.metrics.aggregations = std::move(aggregations);
  q.metrics.interval_ns = kMinute;
  return q;
}

TEST_F(LocalTest, GaugePercentilesAreTheNearestRankOfEachBucketsValues) {
  ingest(gauge_line());
  auto out = run(metrics_query({"queue"}, {agg("p50"), agg("p95"), agg("p99.9"), ir::Aggregation::avg}));
  ASSERT_EQ(out.series.size(), 4u);
  const double expected[4][2] = {{10, 2}, {19, 4}, {20, 4}, {10.5, 2.5}};
  const char* names[4] = {"p50", "p95", "p99.9", "avg"};
  for (std::size_t s = 0; s < 4; ++s) {
    EXPECT_EQ(out.series[s].aggregation, names[s]);
    ASSERT_EQ(out.series[s].points.size(), 2u);
    for (std::size_t b = 0; b < 2; ++b) {
      EXPECT_EQ(out.series[s].points[b].has_value, 1) << names[s] << " bucket " << b;
      EXPECT_DOUBLE_EQ(out.series[s].points[b].value, expected[s][b]) << names[s] << " bucket " << b;
    }
  }
}

TEST_F(LocalTest, RequestDurationPercentilesComeFromServerSpansPerRoute) {
  ingest(spans_line());
  ingest(request_histogram_line());
  auto q = metrics_query({"http.server.duration"}, {agg("p50"), agg("p95")});
  auto out = run(q);
  ASSERT_EQ(out.series.size(), 2u);
  EXPECT_EQ(out.series[0].unit, "ms");
  EXPECT_DOUBLE_EQ(out.series[0].points[0].value, 50)
      << "p50 of 1..100 ms; the 5 s client span is no request";
  EXPECT_DOUBLE_EQ(out.series[1].points[0].value, 95);
  EXPECT_EQ(out.series[1].points[1].has_value, 0) << "no request in the second minute";

  q.metrics.group_by = {"http.route"};
  out = run(q);
  ASSERT_EQ(out.series.size(), 4u);
  EXPECT_EQ(out.series[0].dimensions_json, R"({"http.route":"/a"})");
  EXPECT_DOUBLE_EQ(out.series[0].points[0].value, 50) << "p50 of 2, 4, .. 100";
  EXPECT_EQ(out.series[2].dimensions_json, R"({"http.route":"/b"})");
  EXPECT_DOUBLE_EQ(out.series[2].points[0].value, 49) << "p50 of 1, 3, .. 99";

  q.metrics.group_by.clear();
  q.metrics.dimension_filter =
      ir::Filter::make_predicate("dimensions.http.route", ir::Op::eq, {std::string("/b")});
  out = run(q);
  ASSERT_EQ(out.series.size(), 2u);
  EXPECT_DOUBLE_EQ(out.series[0].points[0].value, 49) << "p50 of 1, 3, .. 99: the 25th of 50";
  EXPECT_DOUBLE_EQ(out.series[1].points[0].value, 95) << "p95 of 1, 3, .. 99: the 48th of 50";
}

TEST_F(LocalTest, PercentilesOfAHistogramWithoutItsValuesAreRefusedNamingTheAlternatives) {
  ingest(gauge_line());
  try {
    run(metrics_query({"latency"}, {agg("p95")}));
    ADD_FAILURE() << "p95 of a stored histogram was answered";
  } catch (const sdk::Error& e) {
    EXPECT_EQ(e.status(), TINKR_UNSUPPORTED);
    const std::string message = e.what();
    EXPECT_NE(message.find("'latency' is a histogram"), std::string::npos) << message;
    EXPECT_NE(message.find("avg, min or max"), std::string::npos) << message;
    EXPECT_NE(message.find("http.server.duration"), std::string::npos) << message;
  }
}

TEST_F(LocalTest, ExplainShowsTheStatementsPercentilesRank) {
  const std::string sql = backend_->explain(metrics_query({"queue"}, {agg("p95")}));
  EXPECT_NE(sql.find("AS bucket, value FROM metric_points"), std::string::npos) << sql;
  EXPECT_NE(sql.find("FROM spans WHERE"), std::string::npos) << sql;
  EXPECT_NE(sql.find("kind = 'server'"), std::string::npos) << sql;
}

}  // namespace
}  // namespace tinkr::local::testing
