// Past the service's caps (issue 16.3): a logs query asking for more rows than one answer may hold is
// counted per time bin, fetched in half-open time slices and merged in time order with no row lost or
// repeated at a boundary; the fake workspace (synthetic_logs.hpp) enforces a row cap set low here, as
// Log Analytics enforces 500,000. A limit past max_rows is refused naming it; a native query past the
// cap comes back partial, saying why it is not sliced.
#include "fixture.hpp"
#include "synthetic_logs.hpp"

#include <algorithm>

namespace tinkr::azure_e2e {
namespace {

using fake_azure::SyntheticLogs;
using fake_azure::SyntheticLogsCounters;

constexpr int64_t kRows = 2000;
constexpr int64_t kRowCap = 300;
const int64_t kStart = utc_ns(2026, 11, 25, 9, 0, 0);
// One row a second: with 2-second count bins every bin edge holds a row, so every slice boundary does.
constexpr int64_t kStep = 1'000'000'000;

class AzureSlicing : public AzureEndToEnd {
 protected:
  void SetUp() override {
    SyntheticLogs table;
    table.start_ns = kStart;
    table.step_ns = kStep;
    table.rows = kRows;
    table.row_cap = kRowCap;
    fake_.on_request(fake_azure::synthetic_logs_handler(table, counters_));
    open_engine(R"("answer_row_cap":300,"slice_above_rows":300,"max_rows":5000,"slice_concurrency":2)");
  }

  QuerySpec logs_spec(int64_t limit, bool descending = true) const {
    QuerySpec spec;
    spec.signal = ir::Signal::logs;
    spec.service = "synthetic-api";
    spec.from = "2026-11-25T09:00:00Z";
    spec.to = "2026-11-25T09:33:20Z";  // kStart + kRows seconds: the range holds every row
    spec.limit = limit;
    spec.order = ir::Order{"time", descending};
    return spec;
  }

  std::vector<std::string> row_queries() const {
    std::vector<std::string> out;
    for (const auto& request : log_analytics_requests()) {
      const std::string kql = sent_query(request).kql;
      if (kql.find("summarize") == std::string::npos) out.push_back(kql);
    }
    // In time order. Up to slice_concurrency slices are sent at once, so they may reach the fake in
    // any order; their KQL first differs at the start datetime, which sorts as text.
    std::sort(out.begin(), out.end());
    return out;
  }

  std::shared_ptr<SyntheticLogsCounters> counters_ = std::make_shared<SyntheticLogsCounters>();
};

std::vector<std::string> bodies(const QueryResult& result) {
  std::vector<std::string> out;
  for (const auto& log : records_of<LogRecord>(result.records)) out.push_back(log.body);
  return out;
}

TEST_F(AzureSlicing, AQueryPastTheRowCapComesWholeInTimeOrderWithNoRowLostOrRepeated) {
  auto result = engine_->collect(build(logs_spec(kRows)));
  ASSERT_TRUE(result) << result.error().message();
  std::vector<std::string> expected;
  for (int64_t i = kRows - 1; i >= 0; --i) expected.push_back("row " + std::to_string(i));
  EXPECT_EQ(bodies(*result), expected) << "newest first, each row once, none missing";
  EXPECT_TRUE(result->stats.warnings.empty());
  EXPECT_EQ(counters_->capped_answers.load(), 0) << "no slice passed the service's cap";
  EXPECT_EQ(counters_->count_queries.load(), 1);
  // 270 rows a slice at most (nine tenths of the cap): 2000 rows take 8 slices.
  const auto slices = row_queries();
  EXPECT_EQ(slices.size(), 8u);
  for (const auto& kql : slices) {
    EXPECT_NE(kql.find("TimeGenerated >= datetime("), std::string::npos) << kql;
    EXPECT_NE(kql.find(" and TimeGenerated < datetime("), std::string::npos) << "half-open: " << kql;
    EXPECT_EQ(kql.find("between"), std::string::npos) << kql;
  }
}

TEST_F(AzureSlicing, OldestFirstStopsOnceTheLimitIsReachedAndTakesOnlyWhatTheLastSliceNeeds) {
  auto result = engine_->collect(build(logs_spec(1000, false)));
  ASSERT_TRUE(result) << result.error().message();
  std::vector<std::string> expected;
  for (int64_t i = 0; i < 1000; ++i) expected.push_back("row " + std::to_string(i));
  EXPECT_EQ(bodies(*result), expected);
  const auto slices = row_queries();
  ASSERT_EQ(slices.size(), 4u) << "ceil(1000 / 270) slices, not the whole range";
  EXPECT_NE(slices.back().find("| take 190"), std::string::npos) << "1000 - 3 x 270: " << slices.back();
  EXPECT_EQ(slices.front().find("| take"), std::string::npos) << slices.front();
}

TEST_F(AzureSlicing, ALimitPastMaxRowsIsRefusedNamingTheSetting) {
  auto result = engine_->collect(build(logs_spec(5001)));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Error::Code::invalid_query);
  EXPECT_NE(result.error().message().find("max_rows = 5000"), std::string::npos) << result.error().message();
  EXPECT_TRUE(fake_.requests(Route::log_analytics_query).empty()) << "refused before anything is sent";
}

TEST_F(AzureSlicing, ANativeQueryPastTheCapIsPartialAndSaysWhyItIsNotSliced) {
  QuerySpec spec;
  spec.signal = ir::Signal::native;
  spec.text = "AppTraces | take 1000";
  spec.since = "1h";
  auto result = engine_->collect(build(spec));
  ASSERT_TRUE(result) << result.error().message();
  ASSERT_EQ(result->tables.size(), 1u);
  EXPECT_EQ(result->tables[0].rows.size(), static_cast<std::size_t>(kRowCap)) << "the fake enforces its cap";
  ASSERT_EQ(result->stats.warnings.size(), 1u);
  const std::string& warning = result->stats.warnings[0];
  EXPECT_NE(warning.find("E_QUERY_RESULT_SET_TOO_LARGE"), std::string::npos) << warning;
  EXPECT_NE(warning.find("native KQL is not cut into time slices"), std::string::npos) << warning;
}

TEST_F(AzureSlicing, ASmallLogsQueryIsStillOneRequest) {
  auto result = engine_->collect(build(logs_spec(100)));
  ASSERT_TRUE(result) << result.error().message();
  EXPECT_EQ(bodies(*result).front(), "row 1999");
  EXPECT_EQ(fake_.requests(Route::log_analytics_query).size(), 1u);
  EXPECT_EQ(counters_->count_queries.load(), 0);
}

}  // namespace
}  // namespace tinkr::azure_e2e
