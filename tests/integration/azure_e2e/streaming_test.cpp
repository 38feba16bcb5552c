// Answers stream through the whole stack: records reach the caller's sink while the fake Azure still
// holds back the second half of the body, and a caller that has enough ends the transfer at once
// instead of waiting for the rest.
#include "fixture.hpp"

#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>

namespace tinkr::azure_e2e {
namespace {

constexpr auto kBound = std::chrono::seconds(30);  // generous: a failure, not a slow machine, reaches it

/// An AppTraces answer of n rows, in the page's projection.
std::string apptraces_answer(int n) {
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < n; ++i)
    rows.push_back({js("2026-11-25T10:00:00Z"), js("payment " + std::to_string(i) + " accepted"), "1",
                    js(R"({"order":"o-)" + std::to_string(i) + R"("})")});
  return log_analytics_answer({{"TimeGenerated", "datetime"},
                               {"Message", "string"},
                               {"SeverityLevel", "int"},
                               {"Properties", "dynamic"}},
                              rows);
}

/// Counts records and lets the test wait for the first.
class WatchingSink final : public ResultSink {
 public:
  bool on_record(Record&&) override {
    std::lock_guard lock(mutex_);
    ++records_;
    changed_.notify_all();
    return records_ != stop_at;
  }
  bool wait_for_records(int64_t n) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, kBound, [&] { return records_ >= n; });
  }
  int64_t records() const {
    std::lock_guard lock(mutex_);
    return records_;
  }
  int64_t stop_at = -1;

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  int64_t records_ = 0;
};

class AzureStreaming : public AzureEndToEnd {
 protected:
  ir::Query logs_query(int64_t limit) const {
    QuerySpec spec;
    spec.signal = ir::Signal::logs;
    spec.service = "payments-api";
    spec.since = "1h";
    spec.limit = limit;
    return build(spec);
  }
};

TEST_F(AzureStreaming, RecordsArriveWhileTheRestOfTheAnswerIsHeldBack) {
  constexpr int kRows = 2000;
  fake_.push_response(Route::log_analytics_query,
                      FakeResponse::paused_midway(FakeResponse::json(200, apptraces_answer(kRows))));
  WatchingSink sink;
  const ir::Query query = logs_query(kRows);
  auto run = std::async(std::launch::async, [&] { return engine_->run(query, sink); });

  // Only release_held() sends the second half, so a record seen before it came from the first.
  const bool early = sink.wait_for_records(1);
  // The fake holds the rest once its write of the first half completes, which may be after the
  // client has read some of it: wait for that before releasing.
  EXPECT_TRUE(fake_.wait_for_held(1, kBound));
  fake_.release_held();
  auto stats = run.get();

  EXPECT_TRUE(early) << "no record reached the sink while the second half of the body was held back";
  ASSERT_TRUE(stats) << stats.error().message();
  EXPECT_EQ(stats->delivered, kRows) << "the held-back half arrives too";
  EXPECT_EQ(sink.records(), kRows);
  expect_tokens_only_where_they_belong();
}

TEST_F(AzureStreaming, ACallerWithEnoughRecordsEndsTheTransferWithoutWaitingForTheRest) {
  fake_.push_response(Route::log_analytics_query,
                      FakeResponse::paused_midway(FakeResponse::json(200, apptraces_answer(2000))));
  WatchingSink sink;
  sink.stop_at = 5;
  const ir::Query query = logs_query(2000);
  auto run = std::async(std::launch::async, [&] { return engine_->run(query, sink); });

  // The second half is never released while the query runs: it must end by itself.
  const bool ended = run.wait_for(kBound) == std::future_status::ready;
  fake_.release_held();
  auto stats = run.get();

  EXPECT_TRUE(ended) << "the query waited for a body nobody wanted";
  ASSERT_TRUE(stats) << stats.error().message();
  EXPECT_EQ(sink.records(), 5);
  EXPECT_EQ(stats->delivered, 5);
}

TEST_F(AzureStreaming, TheLimitEndsTheTransferWithoutWaitingForTheRest) {
  fake_.push_response(Route::log_analytics_query,
                      FakeResponse::paused_midway(FakeResponse::json(200, apptraces_answer(2000))));
  const ir::Query query = logs_query(10);
  // The plugin is asked for 10 rows; the fake sends 2,000 anyway, as a misbehaving upstream might.
  auto run = std::async(std::launch::async, [&] { return engine_->collect(query); });

  const bool ended = run.wait_for(kBound) == std::future_status::ready;
  fake_.release_held();
  auto result = run.get();

  EXPECT_TRUE(ended) << "the query waited for a body nobody wanted";
  ASSERT_TRUE(result) << result.error().message();
  EXPECT_EQ(records_of<LogRecord>(result->records).size(), 10u);
  EXPECT_TRUE(result->stats.truncated);
}

}  // namespace
}  // namespace tinkr::azure_e2e
