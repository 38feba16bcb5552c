// Golden request plans for every signal, operator and resource type, plus the exact shapes the
// issue fixes and the refusals. Regenerate the golden files with TINKR_UPDATE_GOLDEN=1.
#include "kql/literal.hpp"
#include "lower/log_analytics_plan.hpp"
#include "lower/lower_logs.hpp"
#include "lower/lower_traces.hpp"
#include "lower/run_query.hpp"
#include "lower/table_schema.hpp"
#include "metrics/lower_metrics.hpp"
#include "metrics/request_percentiles.hpp"
#include "metrics/resource_resolver.hpp"
#include "plan_cases.hpp"

#include <tinkr/sdk/error.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace tinkr::azure {
namespace {

using testing::kHour;
using testing::kNow;

const std::string kGoldenDir = std::string(TINKR_SOURCE_DIR) + "/tests/unit/plugins/azure/lower/golden/";

RequestPlan plan_for(const ir::Query& q) {
  const QueryContext c = testing::test_context();
  switch (q.signal) {
    case ir::Signal::logs:
      return lower_logs(q, c);
    case ir::Signal::trace_search:
      return lower_trace_search(q, c);
    case ir::Signal::trace_get:
      return lower_trace_get(q, c);
    case ir::Signal::native:
      return lower_native(q, c);
    case ir::Signal::schema:
      return lower_table_schema(q, c);
    case ir::Signal::log_groups:
      return lower_log_groups(q, c);
    case ir::Signal::metrics: {
      if (metrics::answered_from_requests(q.metrics)) return metrics::lower_request_percentiles(q, c);
      const auto kind = metrics::kind_of_resource_id(q.service, q.resource_type);
      return metrics::lower_metrics(q, c, q.service, kind).request;
    }
  }
  return {};
}

std::string render(const RequestPlan& p) {
  std::ostringstream out;
  out << p.method << " " << p.url << "\n";
  out << "audience: " << (p.audience == Audience::arm ? "arm" : "log_analytics") << "\n";
  for (const auto& h : p.headers) out << h.name << ": " << h.value << "\n";
  if (!p.body.empty()) out << "body: " << p.body << "\n";
  if (!p.kql.empty()) out << "kql: " << p.kql << "\n";
  return out.str();
}

void check_golden(const std::string& name, const std::string& actual) {
  const std::string path = kGoldenDir + name + ".txt";
  const char* update = std::getenv("TINKR_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "missing golden file " << path << " (run with TINKR_UPDATE_GOLDEN=1)";
  std::ostringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(expected.str(), actual) << "plan " << name
                                    << " changed; if intended, rerun with TINKR_UPDATE_GOLDEN=1";
}

TEST(AzureLowering, EveryCaseMatchesItsGoldenPlan) {
  auto cases = testing::kql_cases();
  for (auto& c : testing::metrics_cases()) cases.push_back(std::move(c));
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    check_golden(c.name, render(plan_for(c.query)));
  }
}

TEST(AzureLowering, InjectionCasesMatchTheirGoldenPlans) {
  for (const auto& c : testing::injection_cases()) {
    SCOPED_TRACE(c.name);
    check_golden(c.name, render(plan_for(c.query)));
  }
}

TEST(AzureLowering, PageExampleHasThePagesShape) {
  const RequestPlan p = lower_logs(testing::page_log_query(), testing::test_context());
  EXPECT_EQ(
      p.kql,
      "AppTraces | where TimeGenerated between (datetime(2024-05-01T09:00:00Z) .. "
      "datetime(2024-05-01T10:00:00Z)) "
      "| where AppRoleName == \"payments-api\" | where SeverityLevel >= 2 "
      "| project TimeGenerated, Message, SeverityLevel, Properties | order by TimeGenerated desc | take 100");
  EXPECT_EQ(p.method, "POST");
  EXPECT_EQ(p.url, "https://api.loganalytics.io/v1/workspaces/63613592-b6f7-4c3d-a390-22ba13102111/query");
  EXPECT_NE(p.body.find("\"timespan\":\"2024-05-01T09:00:00Z/2024-05-01T10:00:00Z\""), std::string::npos)
      << p.body;
  bool has_prefer = false;
  for (const auto& h : p.headers) has_prefer |= h.name == "Prefer" && h.value == "wait=180";
  EXPECT_TRUE(has_prefer) << "Prefer: wait=N is the server-side timeout";
}

TEST(AzureLowering, LogGroupsCountMessagesInKustoWithTheLogsQuerysFilters) {
  auto query = testing::page_log_query();
  query.signal = ir::Signal::log_groups;
  query.limit = 500;
  EXPECT_EQ(
      lower_log_groups_kql(query),
      "AppTraces | where TimeGenerated between (datetime(2024-05-01T09:00:00Z) .. "
      "datetime(2024-05-01T10:00:00Z)) | where AppRoleName == \"payments-api\" | where SeverityLevel >= 2 "
      "| summarize Count = sum(ItemCount), FirstSeen = min(TimeGenerated), LastSeen = max(TimeGenerated), "
      "TraceId = take_anyif(OperationId, isnotempty(OperationId)) by Message, SeverityLevel "
      "| order by Count desc, Message asc | take 500");
}

TEST(AzureLowering, TraceSearchHasThePagesShape) {
  const auto cases = testing::kql_cases();
  for (const auto& c : cases) {
    if (c.name != "traces_search_page_example") continue;
    EXPECT_EQ(lower_trace_search_kql(c.query),
              "AppRequests | where TimeGenerated between (datetime(2024-05-01T09:00:00Z) .. "
              "datetime(2024-05-01T10:00:00Z)) | where AppRoleName == \"payments-api\" "
              "| where Success == false or DurationMs > 500 "
              "| project OperationId, Name, DurationMs, Success, ResultCode, TimeGenerated "
              "| order by DurationMs desc | take 20");
  }
}

TEST(AzureLowering, StringLiteralsEscapeEverythingThatCouldEndThem) {
  EXPECT_EQ(kql::quote("a\"b\\c"), R"("a\"b\\c")");
  EXPECT_EQ(kql::quote("l1\nl2\r\tx"), R"("l1\nl2\r\tx")");
  EXPECT_EQ(kql::quote(std::string("\x01\x7f", 2)), R"("\u0001\u007f")");
  EXPECT_EQ(kql::quote("日本"), "\"日本\"") << "non-ASCII stays as UTF-8";
  EXPECT_THROW(kql::quote("\xff\xfe"), sdk::Error) << "invalid UTF-8 is refused";
}

TEST(AzureLowering, NumbersAndTimesPrintExactly) {
  std::string out;
  kql::append_milliseconds(out, 1'234'567);
  EXPECT_EQ(out, "1.234567");
  out.clear();
  kql::append_real(out, 3.0);
  EXPECT_EQ(out, "3.0");
  out.clear();
  kql::append_real(out, 1e300);
  EXPECT_EQ(out, "1e300");
  EXPECT_THROW(kql::append_real(out, std::nan("")), sdk::Error);
  out.clear();
  kql::append_datetime(out, kNow + 123'456'789);
  EXPECT_EQ(out, "datetime(2024-05-01T10:00:00.1234567Z)");
}

TEST(AzureLowering, UnknownResourceTypeListsTheKnownOnes) {
  auto q = testing::page_log_query();
  q.resource_type = "cosmos";
  try {
    lower_logs_kql(q);
    FAIL() << "expected an error";
  } catch (const sdk::Error& e) {
    EXPECT_EQ(e.status(), TINKR_INVALID_QUERY);
    EXPECT_NE(std::string(e.what()).find("app_insights, app_exceptions, aks, container_apps"),
              std::string::npos)
        << e.what();
  }
}

TEST(AzureLowering, SeverityOnATableWithoutLevelsIsRefused) {
  auto q = testing::page_log_query();
  q.resource_type = "container_apps";
  try {
    lower_logs_kql(q);
    FAIL() << "expected an error";
  } catch (const sdk::Error& e) {
    EXPECT_EQ(e.status(), TINKR_UNSUPPORTED);
    EXPECT_NE(std::string(e.what()).find("no level column"), std::string::npos) << e.what();
  }
}

TEST(AzureLowering, BadValuesAreRefusedBeforeAnythingIsSent) {
  auto q = testing::page_log_query();
  q.filter = ir::Filter::make_predicate("body", ir::Op::gt, {std::string("x")});
  EXPECT_THROW(lower_logs_kql(q), sdk::Error) << "text is not ordered";
  q.filter = ir::Filter::make_predicate("severity", ir::Op::eq, {int64_t{99}});
  EXPECT_THROW(lower_logs_kql(q), sdk::Error) << "severity outside 1..24";
  q.filter = ir::Filter::make_predicate("duration", ir::Op::gt, {int64_t{1}});
  EXPECT_THROW(lower_logs_kql(q), sdk::Error) << "duration is not a log field";
  q.filter = ir::Filter::all();
  q.time = {kNow, kNow - kHour};
  EXPECT_THROW(lower_logs(q, testing::test_context()), sdk::Error) << "empty time range";
}

TEST(AzureLowering, MetricsIntervalFollowsTheRange) {
  EXPECT_EQ(metrics::grain_name(metrics::choose_interval(kHour)), "PT1M");
  EXPECT_EQ(metrics::grain_name(metrics::choose_interval(24 * kHour)), "PT5M");
  EXPECT_EQ(metrics::grain_name(metrics::choose_interval(7 * 24 * kHour)), "PT1H");
  EXPECT_EQ(metrics::grain_name(metrics::choose_interval(365 * 24 * kHour)), "P1D");
  auto q = testing::metrics_cases().front().query;
  q.metrics.interval_ns = 2 * 60'000'000'000LL;
  EXPECT_THROW(explain_query(q, testing::test_context()), sdk::Error) << "2 minutes is not an Azure grain";
}

TEST(AzureLowering, MetricsMapThePagesNamesToAzures) {
  const auto q = testing::metrics_cases().front().query;
  const std::string url = explain_query(q, testing::test_context());
  EXPECT_NE(url.find("metricnames=Requests,HttpResponseTime,Http5xx"), std::string::npos) << url;
  EXPECT_NE(url.find("aggregation=Total,Average"), std::string::npos) << url;
  EXPECT_NE(url.find("interval=PT1M"), std::string::npos) << url;
  EXPECT_NE(url.find("timespan=2024-05-01T09%3A00%3A00Z%2F2024-05-01T10%3A00%3A00Z"), std::string::npos)
      << url;
}

TEST(AzureLowering, ExplainOfMetricsByNameShowsThePresumedResource) {
  auto q = testing::metrics_cases().front().query;
  q.service = "shop-web";
  const std::string text = explain_query(q, testing::test_context());
  EXPECT_NE(text.find("/providers/Microsoft.Web/sites/shop-web/providers/microsoft.insights/metrics"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("resolved at execution"), std::string::npos) << text;
}

TEST(AzureLowering, CapabilitiesDeclareTheAgreedMembers) {
  const std::string json = capabilities_json();
  EXPECT_NE(json.find("\"native_language\":\"kql\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"exact_operators\":[\"eq\",\"ne\",\"in\"]"), std::string::npos) << json;
  EXPECT_NE(json.find("\"syslog\""), std::string::npos) << json;
}

}  // namespace
}  // namespace tinkr::azure
