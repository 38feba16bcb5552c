// Basic and Auxiliary tables through the tinkr binary and the fake Azure (issue 16.5): a table the
// profile names as Basic or Auxiliary is queried through /search with a timespan, --explain says the
// query is billed per GB scanned, --stats shows the scanned bytes as the bill, and what /search cannot
// run (an operator reading other tables, a range older than the plan reaches) is refused before any
// request, naming the operator or the limit and the table's plan.
#include "cli_fixture.hpp"

namespace tinkr::azure_e2e {
namespace {

class BasicTables : public AzureCli {
 protected:
  BasicTables() {
    extra_profile_lines = "basic_tables = \"ContainerLogV2\"\nauxiliary_tables = \"Archive_CL\"\n";
  }

  // Two ContainerLogV2 rows, as the logs KQL projects them.
  static FakeResponse two_container_rows() {
    return FakeResponse::json(
        200, log_analytics_answer(
                 {{"TimeGenerated", "datetime"}, {"Message", "string"}},
                 {{js("2026-11-25T10:00:01Z"), js("first")}, {js("2026-11-25T10:00:00Z"), js("second")}}));
  }

  std::size_t log_analytics_requests() {
    return fake_.requests(Route::log_analytics_query).size() +
           fake_.requests(Route::log_analytics_search).size();
  }
};

TEST_F(BasicTables, LogsOverABasicTableGoToSearchAndStatsShowTheBill) {
  fake_.push_response(Route::log_analytics_search, two_container_rows());
  auto run = tinkr({"-o", "ndjson", "logs", "payments", "--resource", "aks", "--since", "1h", "--stats"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("first"), std::string::npos) << run.out;
  EXPECT_TRUE(fake_.requests(Route::log_analytics_query).empty()) << "a Basic table is not queried on /query";
  const auto searches = fake_.requests(Route::log_analytics_search);
  ASSERT_EQ(searches.size(), 1u);
  const SentQuery sent = sent_query(searches[0]);
  EXPECT_TRUE(sent.kql.starts_with("ContainerLogV2 | where TimeGenerated between")) << sent.kql;
  EXPECT_FALSE(sent.timespan.empty()) << "/search takes the range from the timespan";
  // The fake's statistics (query_statistics.hpp): 1,052,708 shard bytes scanned, which are the bill.
  EXPECT_NE(run.err.find("tinkr: stats: billed 1.1 MB scanned (Basic table ContainerLogV2, billed per GB "
                         "scanned), data scanned 1.1 MB"),
            std::string::npos)
      << run.err;
}

TEST_F(BasicTables, ExplainSaysTheQueryIsBilledPerGbScannedAndSendsNothing) {
  auto run = tinkr({"logs", "payments", "--resource", "aks", "--since", "1h", "--explain"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(
      run.out.find("// ContainerLogV2 is a Basic table: this query goes to Log Analytics' /search endpoint "
                   "and is billed per GB of data scanned"),
      std::string::npos)
      << run.out;
  EXPECT_EQ(log_analytics_requests(), 0u);

  auto analytics = tinkr({"logs", "payments", "--since", "1h", "--explain"});
  ASSERT_EQ(analytics.exit_code, 0) << analytics.err;
  EXPECT_EQ(analytics.out.find("billed per GB"), std::string::npos) << "AppTraces is an Analytics table";
}

TEST_F(BasicTables, AJoinOnABasicTableIsRefusedBeforeSending) {
  auto run = tinkr({"query", "--native",
                    "ContainerLogV2 | join kind=inner (AppTraces) on $left.PodName == "
                    "$right.AppRoleName",
                    "--since", "1h"});
  EXPECT_NE(run.exit_code, 0);
  EXPECT_NE(run.err.find("'join' is not supported on Basic table 'ContainerLogV2'"), std::string::npos)
      << run.err;
  EXPECT_EQ(log_analytics_requests(), 0u) << "refused before anything is sent";
}

TEST_F(BasicTables, ARangeOlderThanThePlanReachesIsSaidAndAnAuxiliaryTableReachesFurther) {
  auto old = tinkr({"logs", "payments", "--resource", "aks", "--since", "45d"});
  EXPECT_NE(old.exit_code, 0);
  EXPECT_NE(old.err.find("Basic table 'ContainerLogV2' can be queried over the last 30 days only (older data "
                         "needs a search job)"),
            std::string::npos)
      << old.err;
  EXPECT_EQ(log_analytics_requests(), 0u);

  fake_.push_response(Route::log_analytics_search, two_container_rows());
  auto archive = tinkr(
      {"query", "--native", "Archive_CL | where Message has 'ContainerLogV2' | take 2", "--since", "45d"});
  ASSERT_EQ(archive.exit_code, 0) << archive.err;
  ASSERT_EQ(fake_.requests(Route::log_analytics_search).size(), 1u)
      << "an Auxiliary table is queried on /search";
  EXPECT_TRUE(fake_.requests(Route::log_analytics_query).empty());
}

// tinkr schema on Azure: the columns from the workspace's /metadata, the plan from the profile.
TEST_F(BasicTables, SchemaListsTheColumnsFromTheMetadataWithThePlan) {
  auto run = tinkr({"-o", "json", "schema", "ContainerLogV2"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  rapidjson::Document document;
  document.Parse(run.out.c_str());
  ASSERT_TRUE(document.IsArray() && document.Size() == 1u) << run.out;
  const auto& rows = document[0]["rows"];
  ASSERT_EQ(rows.Size(), 17u) << "ContainerLogV2's 17 columns (shared/vectors/azure/tables): " << run.out;
  bool found = false;
  for (const auto& row : rows.GetArray()) {
    EXPECT_STREQ(row[0].GetString(), "ContainerLogV2");
    EXPECT_STREQ(row[1].GetString(), "Basic");
    if (std::string(row[2].GetString()) == "LogMessage") found = std::string(row[3].GetString()) == "dynamic";
  }
  EXPECT_TRUE(found) << "LogMessage is dynamic: " << run.out;
  ASSERT_EQ(fake_.requests(Route::log_analytics_metadata).size(), 1u);
  EXPECT_EQ(log_analytics_requests(), 0u) << "no query is run for a schema";

  auto slip = tinkr({"schema", "containerlogv2"});
  EXPECT_NE(slip.exit_code, 0);
  EXPECT_NE(slip.err.find("did you mean 'ContainerLogV2'?"), std::string::npos) << slip.err;
}

}  // namespace
}  // namespace tinkr::azure_e2e
