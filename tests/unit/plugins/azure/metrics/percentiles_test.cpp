// Percentiles on Azure: which queries go to AppRequests, the columns Kusto names, the refusals (a
// Metrics REST metric, dimensions), and the answer decoded onto the query's grid.
#include "decode/table_reader.hpp"
#include "metrics/lower_metrics.hpp"
#include "metrics/request_percentiles.hpp"
#include "plan_cases.hpp"
#include "recording_sink.hpp"

#include <tinkr/sdk/error.hpp>

#include <gtest/gtest.h>

namespace tinkr::azure {
namespace {

using testing::kHour;
using testing::kNow;

ir::Aggregation agg(const char* name) {
  return *ir::aggregation_from_string(name);
}

ir::Query latency(std::vector<std::string> names, std::vector<ir::Aggregation> aggregations) {
  ir::Query q;
  q.signal = ir::Signal::metrics;
  q.service = "payments-api";
  q.time = {kNow - kHour, kNow};
  q.metrics.names = std::move(names);
  q.metrics.aggregations = std::move(aggregations);
  q.metrics.interval_ns = 30 * 60'000'000'000LL;
  return q;
}

TEST(AzurePercentiles, OnlyRequestDurationPercentilesGoToAppRequests) {
  EXPECT_TRUE(metrics::answered_from_requests(latency({"responseTime"}, {agg("p95")}).metrics));
  EXPECT_TRUE(metrics::answered_from_requests(
      latency({"HttpResponseTime"}, {agg("p50"), ir::Aggregation::avg}).metrics));
  EXPECT_FALSE(metrics::answered_from_requests(latency({"responseTime"}, {ir::Aggregation::avg}).metrics))
      << "without a percentile the Metrics API answers, as before";
  EXPECT_FALSE(metrics::answered_from_requests(latency({"responseTime", "Http5xx"}, {agg("p95")}).metrics));
}

TEST(AzurePercentiles, ColumnsAreNamedAsKustoNamesThem) {
  EXPECT_EQ(metrics::request_column(agg("p95")), "percentile_DurationMs_95");
  EXPECT_EQ(metrics::request_column(agg("p99.9")), "percentile_DurationMs_99_9");
  EXPECT_EQ(metrics::request_column(ir::Aggregation::avg), "avg_DurationMs");
  EXPECT_EQ(metrics::request_column(ir::Aggregation::count), "count_");
}

TEST(AzurePercentiles, AMetricsApiMetricIsRefusedNamingTheAlternatives) {
  const QueryContext context = testing::test_context();
  const std::string site = "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Web/sites/shop-web";
  try {
    metrics::lower_metrics(latency({"Http5xx"}, {agg("p99")}), context, site, metrics::ResourceKind::web_app);
    ADD_FAILURE() << "p99 of Http5xx was lowered";
  } catch (const sdk::Error& e) {
    EXPECT_EQ(e.status(), TINKR_UNSUPPORTED);
    EXPECT_STREQ(
        e.what(),
        "Azure Monitor Metrics does not compute percentiles, so p99 of 'Http5xx' cannot be answered: "
        "ask for its avg, min or max, or for p99 of responseTime (the requests' latency), which Tinkr "
        "computes from Application Insights' AppRequests table (DurationMs) in its own query");
  }
}

TEST(AzurePercentiles, DimensionsAreRefusedForAppRequests) {
  auto q = latency({"responseTime"}, {agg("p95")});
  q.metrics.group_by = {"Instance"};
  try {
    metrics::lower_request_percentiles_kql(q);
    ADD_FAILURE() << "a group-by was dropped silently";
  } catch (const sdk::Error& e) {
    EXPECT_EQ(e.status(), TINKR_UNSUPPORTED);
    EXPECT_NE(std::string(e.what()).find("no metric dimensions"), std::string::npos) << e.what();
  }
}

TEST(AzurePercentiles, TheAnswerFillsTheGridAndRanksPrintAsAsked) {
  const auto q = latency({"responseTime"}, {agg("p95"), agg("p99.9"), ir::Aggregation::count});
  // 09:00 and 09:30 buckets; a row at the range's end (`between` includes it) is not a bucket.
  const std::string body =
      R"({"tables":[{"name":"PrimaryResult","columns":[{"name":"TimeGenerated","type":"datetime"},)"
      R"({"name":"percentile_DurationMs_95","type":"real"},{"name":"percentile_DurationMs_99_9","type":"real"},)"
      R"({"name":"count_","type":"long"}],"rows":[["2024-05-01T09:30:00Z",250.5,900,12],)"
      R"(["2024-05-01T10:00:00Z",1,1,1]]}]})";
  metrics::RequestPercentileConsumer consumer(q);
  decode::read_tables(body, consumer);
  testing::RecordingSink recorded;
  EXPECT_TRUE(consumer.emit(recorded.sink()));
  ASSERT_EQ(recorded.series.size(), 3u);
  EXPECT_EQ(recorded.series[0].aggregation, "p95");
  EXPECT_EQ(recorded.series[1].aggregation, "p99.9");
  EXPECT_EQ(recorded.series[2].aggregation, "count");
  EXPECT_EQ(recorded.series[2].unit, "Count");
  for (const auto& s : recorded.series) {
    ASSERT_EQ(s.points.size(), 2u);
    EXPECT_EQ(s.points[0].has_value, 0) << "no requests in 09:00-09:30";
    EXPECT_EQ(s.points[1].has_value, 1);
    EXPECT_EQ(s.points[1].time_unix_nano, kNow - kHour / 2);
  }
  EXPECT_EQ(recorded.series[0].points[1].value, 250.5);
  EXPECT_EQ(recorded.series[1].points[1].value, 900);
  EXPECT_EQ(recorded.series[2].points[1].value, 12);
}

TEST(AzurePercentiles, AnAnswerWithoutTheAskedColumnIsAnUpstreamError) {
  const auto q = latency({"responseTime"}, {agg("p95")});
  metrics::RequestPercentileConsumer consumer(q);
  try {
    decode::read_tables(
        R"({"tables":[{"name":"PrimaryResult","columns":[{"name":"TimeGenerated","type":"datetime"}],"rows":[]}]})",
        consumer);
    ADD_FAILURE() << "a missing column was read as no data";
  } catch (const sdk::Error& e) {
    EXPECT_EQ(e.status(), TINKR_UPSTREAM_UNAVAILABLE);
    EXPECT_NE(std::string(e.what()).find("percentile_DurationMs_95"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace tinkr::azure
