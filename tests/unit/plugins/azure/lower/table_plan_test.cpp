// Basic and Auxiliary tables (lower/table_plan.hpp): which table a query reads, found outside string
// literals and comments; what /search cannot run refused before sending, naming the operator and the
// plan; a required timespan; the plan's reach; the /search URL and the explain line.
#include "lower/table_plan.hpp"
#include "kql/scan.hpp"
#include "lower/log_analytics_plan.hpp"
#include "lower/run_query.hpp"
#include "plan_cases.hpp"

#include <tinkr/sdk/error.hpp>

#include <gtest/gtest.h>

#include <functional>

namespace tinkr::azure {
namespace {

constexpr int64_t kHour = int64_t{3600} * 1'000'000'000;
constexpr int64_t kDay = 24 * kHour;

TablePlans plans() {
  TablePlans p;
  p.basic = {"ContainerLogV2"};
  p.auxiliary = {"Archive_CL"};
  return p;
}

std::string error_of(const std::function<void()>& run) {
  try {
    run();
  } catch (const sdk::Error& e) {
    return e.message();
  }
  return "(no error)";
}

TEST(KqlScan, WordsInLiteralsAndCommentsAreSkippedAndStagesAreMarked) {
  const auto words = kql::scan_words(
      "T | where M == \"join\" and N == @'C:\\union' // lookup\n| project-away X | join (U) on K; "
      "workspace(\"w\").Y");
  std::vector<std::string> texts;
  for (const auto& w : words) texts.emplace_back(w.text);
  EXPECT_EQ(texts, (std::vector<std::string>{"T", "where", "M", "and", "N", "project-away", "X", "join", "U",
                                             "on", "K", "workspace", "Y"}));
  EXPECT_TRUE(words[0].starts_stage);
  EXPECT_TRUE(words[1].starts_stage);
  EXPECT_FALSE(words[2].starts_stage);
  EXPECT_TRUE(words[7].starts_stage) << "join after a pipe";
  EXPECT_TRUE(words[11].starts_stage && words[11].called) << "workspace( after ';'";
  EXPECT_TRUE(words[12].after_dot);
}

TEST(TablePlan, TheRestrictedTableIsFoundOutsideLiterals) {
  EXPECT_FALSE(restricted_table_in("AppTraces | where Message has \"ContainerLogV2\"", plans()));
  const auto basic = restricted_table_in("ContainerLogV2 | where LogLevel == 'ERROR'", plans());
  ASSERT_TRUE(basic);
  EXPECT_EQ(basic->table, "ContainerLogV2");
  EXPECT_EQ(basic->plan, TablePlan::basic);
  EXPECT_EQ(restricted_table_in("Archive_CL | take 1", plans())->plan, TablePlan::auxiliary);
  EXPECT_NE(error_of([] {
              restricted_table_in("ContainerLogV2 | union Archive_CL", plans());
            }).find("names Basic table 'ContainerLogV2' and Auxiliary table 'Archive_CL'"),
            std::string::npos);
}

TEST(TablePlan, OperatorsThatReadOtherDataAreRefusedNamingThePlan) {
  const RestrictedTable table{"ContainerLogV2", TablePlan::basic};
  const ir::TimeRange hour{testing::kNow - kHour, testing::kNow};
  for (const char* kql :
       {"ContainerLogV2 | join (AppTraces) on OperationId", "ContainerLogV2 | union AppTraces",
        "ContainerLogV2 | lookup (Dim) on K", "ContainerLogV2 | where x == 1 | search \"a\""}) {
    const std::string message = error_of([&] { check_restricted_query(kql, table, hour, testing::kNow); });
    EXPECT_NE(message.find("is not supported on Basic table 'ContainerLogV2'"), std::string::npos) << message;
  }
  EXPECT_NE(error_of([&] {
              check_restricted_query("ContainerLogV2 | extend W = workspace('x')", table, hour,
                                     testing::kNow);
            }).find("'workspace()' is not supported"),
            std::string::npos);
  // What stays on the one table runs: filters, projections, parse, aggregation, order, take.
  check_restricted_query(
      "ContainerLogV2 | where LogMessage has 'join' | parse LogMessage with * 'id=' Id | project-away "
      "Computer "
      "| summarize count() by bin(TimeGenerated, 5m) | order by TimeGenerated desc | take 10",
      table, hour, testing::kNow);
}

TEST(TablePlan, ATimespanIsRequiredAndTheRangeMustBeWithinThePlansReach) {
  const RestrictedTable basic{"ContainerLogV2", TablePlan::basic};
  EXPECT_NE(error_of([&] {
              check_restricted_query("ContainerLogV2", basic, {}, testing::kNow);
            }).find("needs a time range: Log Analytics' /search endpoint requires a timespan"),
            std::string::npos);
  const std::string old = error_of([&] {
    check_restricted_query("ContainerLogV2", basic, {testing::kNow - 45 * kDay, testing::kNow},
                           testing::kNow);
  });
  EXPECT_NE(old.find("45 days ago; Basic table 'ContainerLogV2' can be queried over the last 30 days only"),
            std::string::npos)
      << old;
  check_restricted_query("ContainerLogV2", basic, {testing::kNow - 29 * kDay, testing::kNow}, testing::kNow);
  // An Auxiliary table reaches its whole retention (at most 12 years).
  const RestrictedTable auxiliary{"Archive_CL", TablePlan::auxiliary};
  check_restricted_query("Archive_CL", auxiliary, {testing::kNow - 400 * kDay, testing::kNow}, testing::kNow);
  EXPECT_NE(error_of([&] {
              check_restricted_query("Archive_CL", auxiliary, {testing::kNow - 5000 * kDay, testing::kNow},
                                     testing::kNow);
            }).find("over the last 4383 days only"),
            std::string::npos);
}

TEST(TablePlan, BasicQueriesGoToSearchAndExplainSaysTheyAreBilledPerGbScanned) {
  QueryContext context = testing::test_context();
  context.table_plans = plans();
  context.search_endpoint = true;
  ir::Query native;
  native.signal = ir::Signal::native;
  native.native_text = "ContainerLogV2 | take 5";
  native.time = {testing::kNow - kHour, testing::kNow};
  const RequestPlan plan = lower_native(native, context);
  EXPECT_TRUE(plan.url.ends_with("/v1/workspaces/" + context.workspace_id + "/search")) << plan.url;
  EXPECT_NE(plan.body.find("\"timespan\""), std::string::npos) << plan.body;

  context.search_endpoint = false;
  const std::string explained = explain_query(native, context);
  EXPECT_NE(explained.find("\n// ContainerLogV2 is a Basic table: this query goes to Log Analytics' /search "
                           "endpoint and is billed per GB of data scanned"),
            std::string::npos)
      << explained;
  native.native_text = "AppTraces | take 5";
  EXPECT_EQ(explain_query(native, context), "AppTraces | take 5") << "an Analytics table has no such line";
}

}  // namespace
}  // namespace tinkr::azure
