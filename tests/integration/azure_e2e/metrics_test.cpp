// Metrics end to end: the service name resolved through the ARM resource list of the profile's
// resource group, then one Azure Monitor Metrics call, and its answer decoded into series.
#include "fixture.hpp"

namespace tinkr::azure_e2e {
namespace {

const std::string kShopWeb = std::string("/subscriptions/") + kSubscription +
                             "/resourceGroups/rg-shop/providers/Microsoft.Web/sites/shop-web";

/// An Azure Monitor Metrics answer (api-version 2024-02-01) for Requests, Total, per instance.
std::string requests_answer(const std::string& timespan) {
  return R"({"cost":59,"timespan":")" + timespan + R"(","interval":"PT1M","value":[{"id":")" + kShopWeb +
         R"(/providers/Microsoft.Insights/metrics/Requests","type":"Microsoft.Insights/metrics",)"
         R"("name":{"value":"Requests","localizedValue":"Requests"},"unit":"Count","timeseries":[)"
         R"({"metadatavalues":[{"name":{"value":"instance","localizedValue":"Instance"},"value":"lw0-ab"}],)"
         R"("data":[{"timeStamp":"2026-11-25T10:00:00Z","total":412.0},{"timeStamp":"2026-11-25T10:01:00Z"},)"
         R"({"timeStamp":"2026-11-25T10:02:00Z","total":0.0}]}],"errorCode":"Success"}],)"
         R"("namespace":"Microsoft.Web/sites","resourceregion":"westeurope"})";
}

using AzureMetrics = AzureEndToEnd;

TEST_F(AzureMetrics, TheServiceIsResolvedThroughArmThenItsMetricsAreFetched) {
  const ir::Query query = build(shop_web_requests_spec());

  fake_.on_request([](const RecordedRequest& request) -> std::optional<FakeResponse> {
    if (request.route != Route::metrics) return std::nullopt;
    return FakeResponse::json(200, requests_answer(request.query_param("timespan").value_or("")));
  });
  auto result = engine_->collect(query);
  ASSERT_TRUE(result) << result.error().message();

  auto resources = fake_.requests(Route::arm_resources);
  ASSERT_FALSE(resources.empty());
  EXPECT_EQ(resources[0].method, "GET");
  EXPECT_EQ(resources[0].path,
            std::string("/subscriptions/") + kSubscription + "/resourceGroups/rg-shop/resources");
  EXPECT_EQ(resources[0].query_param("api-version"), "2021-04-01");

  auto metrics = fake_.requests(Route::metrics);
  ASSERT_EQ(metrics.size(), 1u);
  EXPECT_EQ(metrics[0].method, "GET");
  EXPECT_EQ(metrics[0].path, kShopWeb + "/providers/microsoft.insights/metrics");
  EXPECT_EQ(metrics[0].query_param("api-version"), "2024-02-01");
  EXPECT_EQ(metrics[0].query_param("metricnames"), "Requests");
  EXPECT_EQ(metrics[0].query_param("aggregation"), "Total");
  EXPECT_EQ(metrics[0].query_param("interval"), "PT1M")
      << "the finest grain giving at most 300 points in 1 h";
  const std::string timespan = metrics[0].query_param("timespan").value_or("");
  const auto slash = timespan.find('/');
  ASSERT_NE(slash, std::string::npos) << timespan;
  EXPECT_EQ(parse_utc_ns(timespan.substr(0, slash)), query.time.from_ns - query.time.from_ns % 60'000'000'000)
      << "the start on the interval (the core aligns metric buckets): " << timespan;
  EXPECT_EQ(parse_utc_ns(timespan.substr(slash + 1)), query.time.to_ns / 100 * 100) << timespan;
  EXPECT_TRUE(fake_.requests(Route::log_analytics_query).empty());
  expect_tokens_only_where_they_belong();
  EXPECT_EQ(fake_.token_requests("https://management.azure.com"), 1u) << "ARM and Metrics share one token";

  auto series = records_of<MetricSeries>(result->records);
  ASSERT_EQ(series.size(), 1u);
  EXPECT_EQ(series[0].metric, "requests");
  EXPECT_EQ(series[0].native_metric, "Requests");
  EXPECT_EQ(series[0].aggregation, "sum");
  EXPECT_EQ(series[0].unit, "Count");
  EXPECT_EQ(series[0].service, "shop-web");
  EXPECT_EQ(series[0].dimensions_json, R"({"instance":"lw0-ab"})")
      << "Azure sends dimension names lower-cased";
  EXPECT_EQ(series[0].interval_ns, 60'000'000'000LL);
  ASSERT_EQ(series[0].points.size(), 3u);
  EXPECT_EQ(series[0].points[0].time_ns, utc_ns(2026, 11, 25, 10, 0, 0));
  EXPECT_TRUE(series[0].points[0].has_value);
  EXPECT_EQ(series[0].points[0].value, 412.0);
  EXPECT_FALSE(series[0].points[1].has_value) << "a bucket without data is not a zero";
  EXPECT_TRUE(series[0].points[2].has_value);
  EXPECT_EQ(series[0].points[2].value, 0.0);
}

}  // namespace
}  // namespace tinkr::azure_e2e
