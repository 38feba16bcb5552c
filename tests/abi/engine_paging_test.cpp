// The engine paging back through a backend by time when a filter runs in core (the backend cannot
// evaluate it), and looking a trace up over a window wide enough to find it. The mock's "fixed-times"
// service keeps its records at fixed times, three to a second, so that pages cut between records that
// share a time and the engine must neither lose nor repeat them.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tinkr/engine.hpp"

namespace tinkr {
namespace {

constexpr int64_t kSecond = 1'000'000'000;
constexpr int64_t kDay = 24 * 3600 * kSecond;
constexpr int64_t kFixedNewestNs = 1'750'000'000'000'000'000;  // tests/support/mock_plugin

class EnginePaging : public ::testing::Test {
 protected:
  void SetUp() override {
    auto plugin = PluginRegistry({TINKR_PLUGIN_DIR}).load("mock");
    ASSERT_TRUE(plugin) << plugin.error().to_string();
    auto engine = Engine::open_plugin(*plugin, R"({"records": 5000})");
    ASSERT_TRUE(engine) << engine.error().to_string();
    engine_ = std::move(*engine);
  }

  /// The fixed records with attribute i >= first_i: the oldest ones, which the newest 1,000 miss.
  static ir::Query oldest_from(int64_t first_i, int64_t limit) {
    ir::Query q;
    q.signal = ir::Signal::logs;
    q.service = "fixed-times";
    q.time = {kFixedNewestNs - 2 * 3600 * kSecond, kFixedNewestNs + 1};
    q.limit = limit;
    q.filter = ir::Filter::make_predicate("attributes.i", ir::Op::ge, {first_i});
    return q;
  }

  static int64_t i_of(const Record& record) {
    const auto& attributes = std::get<LogRecord>(record).attributes_json;  // {"i":N}
    return std::stoll(attributes.substr(5));
  }

  std::unique_ptr<Engine> engine_;
};

TEST_F(EnginePaging, AResidualFilterPagesBackUntilTheLimitIsMet) {
  auto result = engine_->collect(oldest_from(2995, 10));
  ASSERT_TRUE(result) << result.error().to_string();
  ASSERT_EQ(result->records.size(), 10u) << "the matches lie beyond the first page of 1,000";
  for (std::size_t n = 0; n < result->records.size(); ++n)
    EXPECT_EQ(i_of(result->records[n]), 2995 + static_cast<int64_t>(n))
        << "newest first, none lost and none repeated at a page's edge";
  EXPECT_TRUE(result->stats.residual);
  EXPECT_EQ(result->stats.requests, 4) << "pages of 1,000 records, each reaching back to its edge's second";
  EXPECT_TRUE(result->stats.warnings.empty()) << result->stats.warnings.front();
}

// A filter that matches nothing makes the engine page back through the whole window; the query's
// deadline ends that, however many pages are left, with a timeout that says what was read.
TEST_F(EnginePaging, TheDeadlineEndsPagingThatFindsNothing) {
  auto query = oldest_from(1'000'000'000, 10);  // no record has such an i
  RunOptions options;
  options.timeout = std::chrono::milliseconds(1);
  auto result = engine_->collect(query, options);
  ASSERT_FALSE(result) << "the window holds 5,000 records in pages of 1,000 and none matches: "
                       << result->stats.requests << " requests";
  EXPECT_EQ(result.error().code(), Error::Code::timeout) << result.error().to_string();
}

TEST_F(EnginePaging, RecordsAtEachPagesEdgeComeOnceAndTheWindowIsReadToItsEnd) {
  // Pages of 1,000 end at i = 999, 1998, 2997, 3996 and 4995, each the first of the three records of
  // its second; the records around them are the ones a careless pager drops or repeats.
  std::vector<ir::Value> around_edges;
  std::vector<int64_t> expected;
  for (int64_t edge : {999, 1998, 2997, 3996, 4995})
    for (int64_t i = edge - 1; i <= edge + 2 && i < 5000; ++i) {
      around_edges.emplace_back(i);
      expected.push_back(i);
    }
  auto q = oldest_from(0, 100);
  q.filter = ir::Filter::make_predicate("attributes.i", ir::Op::in, around_edges);
  auto result = engine_->collect(q);
  ASSERT_TRUE(result) << result.error().to_string();
  std::vector<int64_t> got;
  for (const auto& record : result->records) got.push_back(i_of(record));
  EXPECT_EQ(got, expected);
  EXPECT_EQ(result->stats.requests, 6) << "the sixth page is short: the window is exhausted";
  EXPECT_FALSE(result->stats.truncated);
  EXPECT_TRUE(result->stats.warnings.empty()) << "nothing is missing: every page was read";
}

TEST_F(EnginePaging, ATraceIsLookedUpOverThirtyDaysAndTheMissSaysWhere) {
  QuerySpec spec;
  spec.signal = ir::Signal::trace_get;
  spec.trace_id = "missing";
  auto query = engine_->build(spec);
  ASSERT_TRUE(query) << query.error().to_string();
  EXPECT_EQ(query->time.to_ns - query->time.from_ns, 30 * kDay) << "not the last hour of other signals";

  auto result = engine_->collect(*query);
  ASSERT_FALSE(result) << "an empty trace is not found, not an empty success";
  EXPECT_EQ(result.error().code(), Error::Code::not_found);
  const std::string& message = result.error().message();
  EXPECT_NE(message.find("trace 'missing' not found between "), std::string::npos) << message;
  EXPECT_NE(message.find("(30 days searched"), std::string::npos) << message;

  spec.since = "2h";
  auto narrow = engine_->build(spec);
  ASSERT_TRUE(narrow);
  EXPECT_EQ(narrow->time.to_ns - narrow->time.from_ns, 2 * 3600 * kSecond) << "--since still wins";
}

}  // namespace
}  // namespace tinkr
