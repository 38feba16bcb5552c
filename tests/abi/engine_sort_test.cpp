// The engine's sort in core, for a backend that cannot order its results (capabilities "order":
// false). The mock-unordered plugin declares exactly that and returns its records scrambled; the
// engine must hold them, sort them by the query's order, and only then cut at the limit (a cut
// before sorting would keep whichever records happened to arrive first).
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "tinkr/engine.hpp"
#include "tinkr/plugin.h"
#include "tinkr/sdk/ir_json.hpp"

namespace tinkr {
namespace {

constexpr int64_t kHour = 3'600'000'000'000;
constexpr int64_t kRecords = 100;

class EngineSortingInCore : public ::testing::Test {
 protected:
  void SetUp() override {
    auto plugin = PluginRegistry({TINKR_PLUGIN_DIR}).load("mock-unordered");
    ASSERT_TRUE(plugin) << plugin.error().to_string();
    auto engine = Engine::open_plugin(*plugin, R"({"records": 100})");
    ASSERT_TRUE(engine) << engine.error().to_string();
    engine_ = std::move(*engine);
    ASSERT_FALSE(engine_->capabilities().order) << "the fixture must be a backend that cannot order";
  }

  ir::Query query(ir::Signal signal, int64_t limit, ir::Order order) const {
    ir::Query q;
    q.signal = signal;
    q.service = "checkout";
    q.time = {now_ - kHour, now_};
    q.limit = limit;
    q.order = std::move(order);
    return q;
  }

  /// The time of each log record, in the order the engine delivered them.
  std::vector<int64_t> log_times(const ir::Query& q) {
    auto result = engine_->collect(q);
    EXPECT_TRUE(result) << result.error().to_string();
    std::vector<int64_t> times;
    if (result)
      for (const auto& record : result->records) times.push_back(std::get<LogRecord>(record).time_ns);
    return times;
  }

  const int64_t now_ = now_ns();
  std::unique_ptr<Engine> engine_;
};

TEST_F(EngineSortingInCore, TheBackendReallyReturnsItsRecordsOutOfOrder) {
  // Without this, the tests below would pass whether or not the engine sorts. The plugin is called
  // straight through the C ABI, so the records are seen in the order it emits them.
  auto plugin = PluginRegistry({TINKR_PLUGIN_DIR}).load("mock-unordered");
  ASSERT_TRUE(plugin) << plugin.error().to_string();
  const tinkr_plugin* table = plugin->table();
  const std::string options = R"({"records": 100})";
  tinkr_instance* instance = nullptr;
  tinkr_error* error = nullptr;
  ASSERT_EQ(table->open({options.data(), options.size()}, &instance, &error), TINKR_OK);
  std::vector<int64_t> emitted;
  tinkr_sink sink{};
  sink.struct_size = sizeof sink;
  sink.ctx = &emitted;
  sink.log_record = [](void* ctx, const tinkr_log_record* record) -> int32_t {
    static_cast<std::vector<int64_t>*>(ctx)->push_back(record->time_unix_nano);
    return TINKR_OK;
  };
  const std::string ir_json = ir::to_json(query(ir::Signal::logs, 0, {"time", true}));
  const int32_t status = table->execute(instance, {ir_json.data(), ir_json.size()}, &sink, nullptr, &error);
  table->close(instance);
  ASSERT_EQ(status, TINKR_OK);
  ASSERT_EQ(emitted.size(), static_cast<std::size_t>(kRecords));
  EXPECT_FALSE(std::is_sorted(emitted.begin(), emitted.end())) << "not oldest first";
  EXPECT_FALSE(std::is_sorted(emitted.begin(), emitted.end(), std::greater<>())) << "not newest first";
  const auto delivered = log_times(query(ir::Signal::logs, 10, {"time", true}));
  ASSERT_EQ(delivered.size(), 10u);
  EXPECT_NE(std::vector<int64_t>(emitted.begin(), emitted.begin() + 10), delivered)
      << "the first ten to arrive are not the newest ten the engine must deliver";

  auto explanation = engine_->explain(query(ir::Signal::logs, 10, {"time", true}));
  ASSERT_TRUE(explanation) << explanation.error().to_string();
  EXPECT_NE(std::find(explanation->notes.begin(), explanation->notes.end(),
                      "the backend cannot order results: sorted in core"),
            explanation->notes.end());
}

TEST_F(EngineSortingInCore, LogsComeBackNewestFirstAsAsked) {
  auto times = log_times(query(ir::Signal::logs, 0, {"time", true}));
  ASSERT_EQ(times.size(), static_cast<std::size_t>(kRecords)) << "no limit: every record";
  EXPECT_TRUE(std::is_sorted(times.begin(), times.end(), std::greater<>())) << "newest first";
}

TEST_F(EngineSortingInCore, TheLimitKeepsTheNewestRecordsNotTheFirstToArrive) {
  auto all = log_times(query(ir::Signal::logs, 0, {"time", true}));
  std::sort(all.begin(), all.end(), std::greater<>());
  const std::vector<int64_t> newest_ten(all.begin(), all.begin() + 10);

  auto result = engine_->collect(query(ir::Signal::logs, 10, {"time", true}));
  ASSERT_TRUE(result) << result.error().to_string();
  std::vector<int64_t> times;
  for (const auto& record : result->records) times.push_back(std::get<LogRecord>(record).time_ns);
  EXPECT_EQ(times, newest_ten) << "sorted first, then cut at the limit";
  EXPECT_EQ(result->stats.received, kRecords) << "the backend was asked for everything, not for 10";
  EXPECT_TRUE(result->stats.truncated);
}

TEST_F(EngineSortingInCore, OldestFirstWhenAskedAscending) {
  auto all = log_times(query(ir::Signal::logs, 0, {"time", true}));
  std::sort(all.begin(), all.end());
  const std::vector<int64_t> oldest_five(all.begin(), all.begin() + 5);
  EXPECT_EQ(log_times(query(ir::Signal::logs, 5, {"time", false})), oldest_five);
}

TEST_F(EngineSortingInCore, TracesAreSortedByDurationBeforeTheLimit) {
  auto result = engine_->collect(query(ir::Signal::trace_search, 5, {"duration", true}));
  ASSERT_TRUE(result) << result.error().to_string();
  std::vector<int64_t> durations;
  for (const auto& record : result->records) durations.push_back(std::get<TraceSummary>(record).duration_ns);
  // The mock's summaries last (100 - i) * 10 ms: the five longest are 1000, 990, 980, 970 and 960 ms.
  const std::vector<int64_t> longest_five = {1'000'000'000, 990'000'000, 980'000'000, 970'000'000,
                                             960'000'000};
  EXPECT_EQ(durations, longest_five);
}

TEST_F(EngineSortingInCore, TheResidualFiltersBeforeTheSortAndTheLimit) {
  ir::Query q = query(ir::Signal::logs, 0, {"time", true});
  q.filter = ir::Filter::make_predicate("severity", ir::Op::eq, {int64_t{ir::kSeverityError}});
  auto errors = log_times(q);
  ASSERT_EQ(errors.size(), static_cast<std::size_t>(kRecords / 4)) << "one mock record in four is an error";
  std::sort(errors.begin(), errors.end(), std::greater<>());

  q.limit = 3;
  auto result = engine_->collect(q);
  ASSERT_TRUE(result) << result.error().to_string();
  ASSERT_EQ(result->records.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    const auto& record = std::get<LogRecord>(result->records[i]);
    EXPECT_EQ(ir::severity_range(record.severity_number), 5) << "record " << i << " is an error";
    EXPECT_EQ(record.time_ns, errors[i]) << "record " << i << " is the " << i + 1 << "th newest error";
  }
}

}  // namespace
}  // namespace tinkr
