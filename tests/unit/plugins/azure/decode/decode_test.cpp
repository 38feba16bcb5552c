// Every Log Analytics and Metrics vector in ../shared/vectors/azure decodes: tables by position and
// declared type (both encodings), partial errors as warnings, error bodies as the right sdk::Error.
#include "decode/azure_error.hpp"
#include "decode/cell.hpp"
#include "decode/log_records.hpp"
#include "decode/native_rows.hpp"
#include "decode/table_reader.hpp"
#include "kql/tables.hpp"
#include "metrics/decode_metrics.hpp"
#include "metrics/resource_resolver.hpp"
#include "recording_sink.hpp"

#include <tinkr/sdk/error.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <limits>

namespace tinkr::azure {
namespace {

using testing::read_vector;
using testing::RecordingSink;

decode::ReadResult read_native(std::string body, RecordingSink& rec) {
  decode::NativeRowConsumer consumer(rec.sink());
  return decode::read_tables(body, consumer);
}

TEST(AzureDecode, EveryLogAnalyticsResponseVectorDecodes) {
  const auto vectors = testing::log_analytics_answer_vectors();
  for (const auto& name : vectors) {
    SCOPED_TRACE(name);
    RecordingSink rec;
    EXPECT_NO_THROW(read_native(read_vector(name), rec));
    EXPECT_FALSE(rec.table_columns.empty()) << "every answer has at least one table";
  }
  EXPECT_GE(vectors.size(), 7u) << "the vectors folder lost its query answers";
}

TEST(AzureDecode, AllTypesAreReadByDeclaredType) {
  RecordingSink rec;
  read_native(read_vector("log-analytics/query.all-types.response.json"), rec);
  ASSERT_EQ(rec.rows.size(), 1u);
  const auto& row = rec.rows[0];
  EXPECT_EQ(*row[0], "2015-12-31T23:59:59.9Z");
  EXPECT_EQ(*row[4], "1234567890123") << "long keeps every digit";
  EXPECT_EQ(*row[8], "0.10101") << "decimal stays text";
  EXPECT_FALSE(row[9].has_value()) << "null bool is null";
  EXPECT_EQ(*row[10], R"({"a":123,"b":"hello","c":[1,2,3],"d":{}})") << "dynamic is its JSON text";
  EXPECT_EQ(rec.table_columns[0][5], "Double:real");
  int64_t ns = 0;
  ASSERT_TRUE(decode::parse_datetime(*row[0], ns));
  EXPECT_EQ(ns, 1451606399'900'000'000LL);
  ASSERT_TRUE(decode::parse_timespan(*row[7], ns));
  EXPECT_EQ(ns, 10'000'000'000LL);
  ASSERT_TRUE(decode::parse_timespan("-1.02:03:04.5", ns));
  EXPECT_EQ(ns, -((86400 + 7384) * 1'000'000'000LL + 500'000'000));
}

TEST(AzureDecode, SpecExampleStringsAndLiveNumbersReadTheSame) {
  using decode::Cell;
  int64_t i = 0;
  double d = 0;
  bool b = false;
  EXPECT_TRUE(decode::read_int64({Cell::Json::string, "1"}, i) && i == 1);
  EXPECT_TRUE(decode::read_int64({Cell::Json::number, "9007199254740993"}, i) && i == 9007199254740993LL)
      << "longs beyond 2^53 stay exact";
  EXPECT_TRUE(decode::read_double({Cell::Json::string, "1.286"}, d) && d == 1.286);
  EXPECT_TRUE(decode::read_double({Cell::Json::string, "NaN"}, d) && std::isnan(d));
  EXPECT_TRUE(decode::read_double({Cell::Json::string, "-Infinity"}, d) && std::isinf(d) && d < 0);
  EXPECT_TRUE(decode::read_bool({Cell::Json::string, "true"}, b) && b);
  EXPECT_TRUE(decode::read_bool({Cell::Json::boolean, "false"}, b) && !b);
  EXPECT_FALSE(decode::read_int64({Cell::Json::null, {}}, i));
}

TEST(AzureDecode, SeveralPrimaryResultTablesAreReadByPosition) {
  RecordingSink rec;
  const auto result = read_native(read_vector("log-analytics/query.multiple-tables.response.json"), rec);
  EXPECT_EQ(result.tables, 2u);
  EXPECT_EQ(rec.table_columns.size(), 2u) << "both tables named PrimaryResult reach the sink";
  EXPECT_TRUE(result.statistics.present) << "the recorded answer has statistics (all zero)";
  EXPECT_EQ(result.statistics.scanned_bytes, 0);
}

// The statistics' members in the recorded shape, with values, and a partial error beside them.
TEST(AzureDecode, StatisticsAreReadWhereTheServiceWritesThem) {
  RecordingSink rec;
  const auto result = read_native(
      R"({"tables":[{"name":"PrimaryResult","columns":[{"name":"n","type":"long"}],"rows":[[1]]}],)"
      R"("statistics":{"query":{"executionTime":0.5,"resourceUsage":{"cache":{"memory":{"hits":1},)"
      R"("shards":{"hot":{"hitbytes":1000,"missbytes":20,"retrievebytes":7},"cold":{"hitbytes":300,)"
      R"("missbytes":4},"bypassbytes":5}},"cpu":{"totalCpu":"00:00:02.2500000"}},)"
      R"("inputDatasetStatistics":{"extents":{"total":9,"scanned":3},"rows":{"total":99,"scanned":42}},)"
      R"("datasetStatistics":[{"tableRowCount":1,"tableSize":2}]}},"error":{"code":"PartialError",)"
      R"("message":"cut"}})",
      rec);
  ASSERT_TRUE(result.statistics.present);
  EXPECT_EQ(result.statistics.scanned_bytes, 1329) << "hot and cold hit and miss bytes, and bypass";
  EXPECT_EQ(result.statistics.cpu_ns, 2'250'000'000);
  EXPECT_DOUBLE_EQ(result.statistics.execution_seconds, 0.5);
  EXPECT_EQ(result.statistics.rows_scanned, 42);
  EXPECT_EQ(result.statistics.extents_scanned, 3);
  EXPECT_EQ(result.partial_error_code, "PartialError");
  EXPECT_EQ(rec.rows.size(), 1u);
}

TEST(AzureDecode, PartialErrorKeepsRowsAndTheInnermostMessage) {
  RecordingSink rec;
  const auto result = read_native(read_vector("log-analytics/query.partial-error.response.json"), rec);
  EXPECT_EQ(rec.rows.size(), 1u);
  EXPECT_EQ(result.partial_error_code, "PartialError");
  EXPECT_NE(result.partial_error_message.find("E_OVERFLOW"), std::string::npos)
      << result.partial_error_message;
}

TEST(AzureDecode, EmptyBodyIsNoData) {
  RecordingSink rec;
  const auto result = read_native("", rec);
  EXPECT_EQ(result.tables, 0u);
  EXPECT_TRUE(rec.rows.empty());
}

TEST(AzureDecode, GarbledAnswersAreErrorsNotSilence) {
  RecordingSink rec;
  EXPECT_THROW(
      read_native(R"({"tables":[{"name":"t","columns":[{"name":"a","type":"long"}],"rows":[[1,2]]}]})", rec),
      sdk::Error)
      << "more cells than columns";
  EXPECT_THROW(
      read_native(R"({"tables":[{"name":"t","columns":[{"name":"a","type":"long"}],"rows":[[1)", rec),
      sdk::Error)
      << "a body cut short";
}

TEST(AzureDecode, LogRowsBecomeRecordsWithSeverityAndItemCount) {
  const std::string body = R"({"tables":[{"name":"PrimaryResult","columns":[
    {"name":"TimeGenerated","type":"datetime"},{"name":"Message","type":"string"},
    {"name":"SeverityLevel","type":"int"},{"name":"Properties","type":"dynamic"},{"name":"ItemCount","type":"int"}],
    "rows":[["2024-05-01T09:30:00Z","disk \"full\"",3,"{\"k\":\"v\"}",5],
            ["2024-05-01T09:31:00Z","ok","1",null,null]]}]})";
  RecordingSink rec;
  decode::LogRecordConsumer consumer(kql::table_for("app_insights"), "payments-api", rec.sink());
  std::string copy = body;
  decode::read_tables(copy, consumer);
  ASSERT_EQ(rec.logs.size(), 2u);
  EXPECT_EQ(rec.logs[0].body, "disk \"full\"");
  EXPECT_EQ(rec.logs[0].severity, ir::kSeverityError);
  EXPECT_EQ(rec.logs[0].severity_text, "Error");
  EXPECT_EQ(rec.logs[0].attributes, R"({"k":"v"})");
  EXPECT_EQ(rec.logs[0].item_count, 5) << "sampled telemetry counts ItemCount";
  EXPECT_EQ(rec.logs[0].service, "payments-api");
  EXPECT_EQ(rec.logs[1].severity, ir::kSeverityInfo) << "a level sent as a string reads the same";
  EXPECT_EQ(rec.logs[1].item_count, 1);
}

TEST(AzureDecode, StopsWhenTheSinkHasEnough) {
  RecordingSink rec;
  rec.stop_after = 1;
  const auto result = read_native(read_vector("log-analytics/query.simple.response.json"), rec);
  EXPECT_TRUE(result.stopped);
  EXPECT_EQ(rec.rows.size(), 1u);
}

struct ErrorCase {
  const char* file;
  int status;
  tinkr_status expected;
  const char* in_message;
};

TEST(AzureDecode, ErrorBodiesBecomeErrorsWithTheRightStatus) {
  const ErrorCase cases[] = {
      {"error.400.semantic-unknown-column.json", 400, TINKR_INVALID_QUERY, "named 'SeverityLevl'"},
      {"error.400.semantic-unknown-table.json", 400, TINKR_INVALID_QUERY, "SEM0100"},
      {"error.400.syntax.json", 400, TINKR_INVALID_QUERY, "line [1,6]"},
      {"error.400.syntax.docs-example.json", 400, TINKR_INVALID_QUERY, "Syntax Error"},
      {"error.401.missing-authorization.json", 401, TINKR_UNAUTHENTICATED, "header is missing"},
      {"error.401.authorization-required.json", 401, TINKR_UNAUTHENTICATED, "Valid authentication"},
      {"error.403.insufficient-access.json", 403, TINKR_FORBIDDEN, "insufficient access"},
      {"error.403.insufficient-access-unauthorized-client.json", 403, TINKR_FORBIDDEN, "UnauthorizedClient"},
      {"error.403.invalid-token.json", 403, TINKR_FORBIDDEN, "SignatureVerificationFailed"},
      {"error.403.invalid-token-audience.json", 403, TINKR_FORBIDDEN, "wrong audience"},
      {"error.404.path-not-found.json", 404, TINKR_NOT_FOUND, "does not exist"},
      {"error.429.throttled.json", 429, TINKR_THROTTLED, "throttled"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.file);
    sdk::HttpResponse r{
        c.status, {{"Retry-After", "30"}}, read_vector(std::string("log-analytics/") + c.file)};
    const sdk::Error e = decode::azure_error(r, "log analytics");
    EXPECT_EQ(e.status(), c.expected);
    EXPECT_NE(std::string(e.what()).find(c.in_message), std::string::npos) << e.what();
    if (c.status == 429) {
      EXPECT_EQ(e.retry_after_ms(), 30000);
    }
  }
  sdk::HttpResponse unavailable{503, {}, "<html>busy</html>"};
  EXPECT_EQ(decode::azure_error(unavailable, "log analytics").status(), TINKR_UPSTREAM_UNAVAILABLE);
}

TEST(AzureDecode, UnknownMetricErrorPassesOnTheValidNames) {
  sdk::HttpResponse r{400, {}, read_vector("metrics/error.400.unknown-metric.json")};
  const sdk::Error e = decode::azure_error(r, "azure monitor metrics");
  EXPECT_EQ(e.status(), TINKR_INVALID_QUERY);
  EXPECT_NE(std::string(e.what()).find("Valid metrics: AppConnections"), std::string::npos) << e.what();
  sdk::HttpResponse throttled{429, {{"Retry-After", "309"}}, read_vector("metrics/error.429.throttled.json")};
  EXPECT_EQ(decode::azure_error(throttled, "azure monitor metrics").retry_after_ms(), 309'000);
}

// The decoder's side of issue 13.12, which the azure_errors fuzz target also found (its regression
// input: fuzz/corpus/azure_errors/retry-after-int64-max): seconds times 1000 overflowed int64.
TEST(AzureDecode, RetryAfterTooLargeSaturatesAndNegativeIsNoWait) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  auto wait_for = [](std::string header, std::string value) {
    sdk::HttpResponse r{429, {{std::move(header), std::move(value)}}, "{}"};
    return decode::azure_error(r, "log analytics").retry_after_ms();
  };
  EXPECT_EQ(wait_for("Retry-After", "9223372036854775807"), kMax);
  EXPECT_EQ(wait_for("Retry-After", "10000000000000000"), kMax);
  EXPECT_EQ(wait_for("Retry-After", "99999999999999999999999"), kMax);
  EXPECT_EQ(wait_for("Retry-After", "-5"), 0);
  EXPECT_EQ(wait_for("x-ms-retry-after-ms", "99999999999999999999999"), kMax);
  EXPECT_EQ(wait_for("x-ms-retry-after-ms", "-1500"), 0);
  EXPECT_EQ(wait_for("x-ms-retry-after-ms", "1500"), 1500);
}

metrics::MetricsPlan plan_with(std::vector<std::string> names, std::vector<ir::Aggregation> aggs) {
  metrics::MetricsPlan plan;
  for (auto& n : names) {
    auto mapped = metrics::map_metric(metrics::ResourceKind::web_app, n);
    plan.metrics.push_back({n, mapped, aggs});
  }
  plan.interval_ns = 300'000'000'000;
  return plan;
}

TEST(AzureDecode, MetricsSeriesPerDimensionAndAggregation) {
  RecordingSink rec;
  const auto plan = plan_with({"requests", "http5xx", "responseTime"}, {});
  metrics::emit_metric_series(read_vector("metrics/metrics.list.app-service.response.json"), plan, "shop-web",
                              rec.sink());
  // Requests x2 instances (total), Http5xx x2 (total), HttpResponseTime x1 (average, maximum).
  ASSERT_EQ(rec.series.size(), 6u);
  EXPECT_EQ(rec.series[0].metric, "requests");
  EXPECT_EQ(rec.series[0].native, "Requests");
  EXPECT_EQ(rec.series[0].aggregation, "sum");
  EXPECT_EQ(rec.series[0].dimensions, R"({"instance":"lw0sdlwk0000AB"})");
  EXPECT_EQ(rec.series[0].interval_ns, 300'000'000'000);
  EXPECT_EQ(rec.series[4].unit, "Seconds");
  ASSERT_EQ(rec.series[4].points.size(), 3u);
  EXPECT_EQ(rec.series[4].points[2].has_value, 0) << "a bucket without data has no value, not zero";
}

TEST(AzureDecode, MetricsWithSeveralRequestedAggregations) {
  RecordingSink rec;
  const auto plan = plan_with({"BlobCount", "BlobCapacity"},
                              {ir::Aggregation::avg, ir::Aggregation::min, ir::Aggregation::max});
  metrics::emit_metric_series(read_vector("metrics/metrics.list.dimensions.response.json"), plan, "blobs",
                              rec.sink());
  EXPECT_EQ(rec.series.size() % 3, 0u) << "every aggregation requested is its own series";
  ASSERT_FALSE(rec.series.empty());
  EXPECT_EQ(rec.series[0].interval_ns, 3'600'000'000'000) << "the interval Azure chose (PT1H)";
  EXPECT_EQ(rec.series[0].dimensions, R"({"tier":"Hot"})");
}

TEST(AzureDecode, ArmResourcePagesAndAmbiguousNames) {
  std::string next;
  auto page1 = metrics::parse_resource_page(read_vector("arm/resources.list.page1.response.json"), next);
  EXPECT_FALSE(next.empty());
  auto page2 = metrics::parse_resource_page(read_vector("arm/resources.list.page2.response.json"), next);
  EXPECT_TRUE(next.empty());
  page1.insert(page1.end(), page2.begin(), page2.end());
  const auto func = metrics::pick_resource(page1, "shop-orders-func", "", "rg-shop");
  EXPECT_EQ(func.kind, metrics::ResourceKind::function_app) << "kind 'functionapp,linux' is a function app";
  EXPECT_EQ(metrics::pick_resource(page1, "orders", "", "rg-shop").kind, metrics::ResourceKind::sql_database);
  EXPECT_THROW(metrics::pick_resource(page1, "nope", "", "rg-shop"), sdk::Error);
  auto twice = page1;
  twice.push_back({"/subscriptions/x/resourceGroups/rg-shop/providers/Microsoft.App/containerApps/shop-web",
                   "shop-web", "Microsoft.App/containerApps", ""});
  try {
    metrics::pick_resource(twice, "shop-web", "", "rg-shop");
    FAIL() << "two resources named shop-web";
  } catch (const sdk::Error& e) {
    EXPECT_NE(std::string(e.what()).find("Microsoft.Web/sites/shop-web"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("containerApps/shop-web"), std::string::npos) << e.what();
  }
  EXPECT_EQ(metrics::pick_resource(twice, "shop-web", "container_apps", "rg-shop").kind,
            metrics::ResourceKind::container_app)
      << "a hint settles it";
}

}  // namespace
}  // namespace tinkr::azure
