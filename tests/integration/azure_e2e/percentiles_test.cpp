// Percentiles end to end: Azure Monitor Metrics computes none, so p95 of the requests' latency is
// asked of Log Analytics (AppRequests' DurationMs with percentiles()) and its columns decoded into
// series on the query's grid; p95 of a metric only the Metrics API has is refused naming what works.
#include "fixture.hpp"

namespace tinkr::azure_e2e {
namespace {

using AzurePercentiles = AzureEndToEnd;

QuerySpec latency_spec(std::vector<std::string> aggregations) {
  QuerySpec spec = shop_web_requests_spec();  // then made the page's latency question
  spec.service = "payments-api";
  spec.resource_type.clear();
  spec.since.clear();
  spec.from = "2026-11-25T10:00:00Z";
  spec.to = "2026-11-25T10:15:00Z";
  spec.metrics.names = {"responseTime"};
  spec.metrics.interval_ns = 5 * 60'000'000'000LL;
  for (const auto& name : aggregations)
    spec.metrics.aggregations.push_back(*ir::aggregation_from_string(name));
  return spec;
}

TEST_F(AzurePercentiles, RequestLatencyPercentilesComeFromAppRequests) {
  const ir::Query query = build(latency_spec({"p50", "p95", "p99.9", "avg"}));
  fake_.on_query([](std::string_view kql) -> std::optional<FakeResponse> {
    if (kql.rfind("AppRequests ", 0) != 0) return std::nullopt;
    // Columns as Kusto names them; the middle bucket had no requests, so it has no row.
    return FakeResponse::json(
        200, log_analytics_answer({{"TimeGenerated", "datetime"},
                                   {"percentile_DurationMs_50", "real"},
                                   {"percentile_DurationMs_95", "real"},
                                   {"percentile_DurationMs_99_9", "real"},
                                   {"avg_DurationMs", "real"}},
                                  {{js("2026-11-25T10:00:00Z"), "41.5", "812.25", "2400", "97.125"},
                                   {js("2026-11-25T10:10:00Z"), "38", "640", "1999.5", "80"}}));
  });
  auto result = engine_->collect(query);
  ASSERT_TRUE(result) << result.error().message();

  EXPECT_TRUE(fake_.requests(Route::metrics).empty()) << "the Metrics API has no percentiles";
  EXPECT_TRUE(fake_.requests(Route::arm_resources).empty()) << "AppRequests needs no resource id";
  auto requests = log_analytics_requests();
  ASSERT_EQ(requests.size(), 1u);
  const SentQuery sent = sent_query(requests[0]);
  EXPECT_EQ(sent.kql,
            "AppRequests | where TimeGenerated between (datetime(2026-11-25T10:00:00Z) .. "
            "datetime(2026-11-25T10:15:00Z)) | where AppRoleName == \"payments-api\" | summarize "
            "percentiles(DurationMs, 50, 95, 99.9), avg(DurationMs) by bin_at(TimeGenerated, 300000ms, "
            "datetime(2026-11-25T10:00:00Z))");

  auto series = records_of<MetricSeries>(result->records);
  ASSERT_EQ(series.size(), 4u);
  const char* names[] = {"p50", "p95", "p99.9", "avg"};
  const double first[] = {41.5, 812.25, 2400, 97.125};
  const double third[] = {38, 640, 1999.5, 80};
  for (std::size_t i = 0; i < 4; ++i) {
    SCOPED_TRACE(names[i]);
    EXPECT_EQ(series[i].metric, "responseTime");
    EXPECT_EQ(series[i].aggregation, names[i]);
    EXPECT_EQ(series[i].unit, "Milliseconds");
    EXPECT_EQ(series[i].native_metric, "AppRequests.DurationMs");
    ASSERT_EQ(series[i].points.size(), 3u) << "the whole grid: 10:00, 10:05, 10:10";
    EXPECT_EQ(series[i].points[0].time_ns, utc_ns(2026, 11, 25, 10, 0, 0));
    EXPECT_EQ(series[i].points[0].value, first[i]);
    EXPECT_FALSE(series[i].points[1].has_value) << "no requests is no value, not a zero";
    EXPECT_EQ(series[i].points[2].time_ns, utc_ns(2026, 11, 25, 10, 10, 0));
    EXPECT_EQ(series[i].points[2].value, third[i]);
  }
}

TEST_F(AzurePercentiles, PercentilesOfAMetricsApiMetricAreRefusedNamingTheAlternatives) {
  QuerySpec spec = latency_spec({"p95"});
  spec.metrics.names = {"Http5xx"};
  const ir::Query query = build(spec);
  auto result = engine_->collect(query);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Error::Code::unsupported);
  const std::string message = result.error().message();
  EXPECT_NE(message.find("Azure Monitor Metrics does not compute percentiles"), std::string::npos) << message;
  EXPECT_NE(message.find("'Http5xx'"), std::string::npos) << message;
  EXPECT_NE(message.find("avg, min or max"), std::string::npos) << message;
  EXPECT_NE(message.find("AppRequests"), std::string::npos) << message;
  EXPECT_TRUE(fake_.requests(Route::metrics).empty()) << "refused before anything was sent";
  EXPECT_TRUE(fake_.requests(Route::log_analytics_query).empty());
}

}  // namespace
}  // namespace tinkr::azure_e2e
