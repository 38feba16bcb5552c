// The engine driving a real plugin (the mock backend) through the ABI: residual filtering, limits,
// errors crossing the boundary, cancellation, deadlines, explain and concurrency.
#include <gtest/gtest.h>

#include <thread>

#include "tinkr/engine.hpp"

namespace tinkr {
namespace {

constexpr int64_t kHour = 3'600'000'000'000;

class EngineWithMock : public ::testing::Test {
 protected:
  void SetUp() override { engine_ = open(R"({"records": 100})"); }

  static std::unique_ptr<Engine> open(const std::string& options) {
    auto plugin = PluginRegistry({TINKR_PLUGIN_DIR}).load("mock");
    EXPECT_TRUE(plugin) << plugin.error().to_string();
    auto engine = Engine::open_plugin(*plugin, options);
    EXPECT_TRUE(engine) << engine.error().to_string();
    return engine ? std::move(*engine) : nullptr;
  }

  static ir::Query logs(const std::string& service, int64_t limit = 100) {
    ir::Query q;
    q.signal = ir::Signal::logs;
    q.service = service;
    q.time = {now_ns() - kHour, now_ns()};
    q.limit = limit;
    return q;
  }

  std::unique_ptr<Engine> engine_;
};

TEST_F(EngineWithMock, PushesTheLimitWhenNothingIsLeftForTheCore) {
  auto result = engine_->collect(logs("payments-api", 10));
  ASSERT_TRUE(result) << result.error().to_string();
  EXPECT_EQ(result->records.size(), 10u);
  EXPECT_EQ(result->stats.received, 10) << "the backend was asked for 10 and sent 10";
  EXPECT_FALSE(result->stats.residual);
  EXPECT_EQ(std::get<LogRecord>(result->records.front()).service, "payments-api");
}

TEST_F(EngineWithMock, EvaluatesWhatTheBackendCannotFilterInCore) {
  auto q = logs("payments-api");
  q.filter = ir::Filter::make_predicate("severity", ir::Op::eq, {int64_t{ir::kSeverityError}});
  auto result = engine_->collect(q);
  ASSERT_TRUE(result) << result.error().to_string();
  EXPECT_TRUE(result->stats.residual);
  EXPECT_EQ(result->stats.received, 100);
  EXPECT_EQ(result->records.size(), 25u) << "one mock record in four is an error";
  for (const auto& r : result->records)
    EXPECT_EQ(ir::severity_range(std::get<LogRecord>(r).severity_number), 5);
}

TEST_F(EngineWithMock, AppliesTheLimitAfterTheResidualAndStopsThePlugin) {
  auto q = logs("payments-api", 5);
  q.filter = ir::Filter::make_predicate("severity", ir::Op::eq, {int64_t{ir::kSeverityError}});
  auto result = engine_->collect(q);
  ASSERT_TRUE(result) << result.error().to_string();
  EXPECT_EQ(result->records.size(), 5u);
  EXPECT_TRUE(result->stats.truncated);
  EXPECT_LT(result->stats.received, 100) << "the plugin was told to stop once the limit was reached";
}

TEST_F(EngineWithMock, ACallerSinkMayStopEarly) {
  struct FirstThree final : ResultSink {
    int seen = 0;
    bool on_record(Record&&) override { return ++seen < 3; }
  } sink;
  auto stats = engine_->run(logs("payments-api"), sink);
  ASSERT_TRUE(stats) << stats.error().to_string();
  EXPECT_EQ(sink.seen, 3);
}

TEST_F(EngineWithMock, AnErrorStatusCrossesWithItsCodeAndAdvice) {
  auto result = engine_->collect(logs("fail-throttled"));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Error::Code::throttled);
  EXPECT_EQ(result.error().message(), "mock failure: throttled");
  EXPECT_EQ(result.error().retry_after_ms(), 1500);
  EXPECT_TRUE(result.error().retryable());
  EXPECT_EQ(result.error().source(), Error::Source::upstream);
}

TEST_F(EngineWithMock, AnExceptionThrownInThePluginBecomesAnInternalError) {
  auto result = engine_->collect(logs("throw"));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Error::Code::internal);
  EXPECT_EQ(result.error().message(), "plugin error: boom");
  EXPECT_EQ(result.error().source(), Error::Source::plugin);
}

TEST_F(EngineWithMock, ADeadlineStopsASlowBackendPromptly) {
  RunOptions options;
  options.timeout = std::chrono::milliseconds(50);
  auto started = std::chrono::steady_clock::now();
  auto result = engine_->collect(logs("stall-60000"), options);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Error::Code::timeout);
  EXPECT_EQ(result.error().message(), "query exceeded its deadline of 50 ms");
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10)) << "no hang";
}

TEST_F(EngineWithMock, CancellationFromAnotherThreadEndsTheQuery) {
  RunOptions options;
  options.cancel = CancelSource();
  std::thread canceller([c = *options.cancel] { c.cancel(); });
  auto result = engine_->collect(logs("stall-60000"), options);
  canceller.join();
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Error::Code::cancelled);
}

TEST_F(EngineWithMock, PartialResultsKeepTheirRecordsAndSayWhatIsMissing) {
  auto result = engine_->collect(logs("partial", 3));
  ASSERT_TRUE(result) << result.error().to_string();
  EXPECT_EQ(result->records.size(), 3u);
  ASSERT_EQ(result->stats.warnings.size(), 1u);
  EXPECT_EQ(result->stats.warnings[0], "partial result: the mock stopped after some records");
}

TEST_F(EngineWithMock, ExplainShowsTheNativeQueryAndTheSplitWithoutRunning) {
  auto q = logs("payments-api");
  q.filter = ir::Filter::make_predicate("severity", ir::Op::ge, {int64_t{ir::kSeverityWarn}});
  auto explanation = engine_->explain(q);
  ASSERT_TRUE(explanation) << explanation.error().to_string();
  EXPECT_TRUE(explanation->native.starts_with("MOCK {\"ir\":1,\"signal\":\"logs\"")) << explanation->native;
  EXPECT_NE(explanation->residual_json.find("\"severity\""), std::string::npos) << "kept back for the core";
}

TEST_F(EngineWithMock, NativeQueriesComeBackAsTablesWithNulls) {
  ir::Query q;
  q.signal = ir::Signal::native;
  q.native_text = "anything";
  q.time = {now_ns() - kHour, now_ns()};
  q.limit = 4;
  auto result = engine_->collect(q);
  ASSERT_TRUE(result) << result.error().to_string();
  ASSERT_EQ(result->tables.size(), 1u);
  EXPECT_EQ(result->tables[0].columns.size(), 3u);
  ASSERT_EQ(result->tables[0].rows.size(), 4u);
  EXPECT_EQ(result->tables[0].rows[2][1], std::optional<std::string>("anything"));
  EXPECT_FALSE(result->tables[0].rows[2][2].has_value()) << "null stays null";
}

TEST_F(EngineWithMock, TraceTreesKeepOrphans) {
  ir::Query q;
  q.signal = ir::Signal::trace_get;
  q.trace_id = "4bf92f3577b34da6a3ce929d0e0e4736";
  auto result = engine_->collect(q);
  ASSERT_TRUE(result) << result.error().to_string();
  ASSERT_EQ(result->records.size(), 4u);
  EXPECT_TRUE(std::get<Span>(result->records[3]).orphan);
  EXPECT_EQ(std::get<Span>(result->records[0]).trace_id, q.trace_id) << "W3C ids stay whole";
}

TEST_F(EngineWithMock, InvalidQueriesAreRefusedBeforeAnythingIsSent) {
  ir::Query q = logs("payments-api");
  q.time = {q.time.to_ns, q.time.from_ns};
  auto result = engine_->collect(q);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Error::Code::invalid_query);
  EXPECT_EQ(result.error().message(), "the time range is empty: 'from' must come before 'to'");
}

TEST_F(EngineWithMock, OversizedQueriesAreRefusedBeforeAnythingIsSent) {
  // Sizes no person asks for, which once cost seconds of CPU or broke a backend's generated SQL.
  auto refusal = [&](const ir::Query& q) {
    auto result = engine_->collect(q);
    EXPECT_FALSE(result) << "accepted";
    if (result) return std::string();
    EXPECT_EQ(result.error().code(), Error::Code::invalid_query);
    return result.error().message();
  };
  ir::Query metrics = logs("a");
  metrics.signal = ir::Signal::metrics;
  for (int i = 0; i < 100'000; ++i) metrics.metrics.names.push_back("m" + std::to_string(i));
  EXPECT_EQ(refusal(metrics), "a metrics query names 100000 metrics; at most 100");
  metrics.metrics.names.resize(1);
  metrics.metrics.group_by.assign(21, "d");
  EXPECT_EQ(refusal(metrics), "a metrics query names 21 group-by dimensions; at most 20");

  std::vector<ir::Filter> words;
  for (int i = 0; i < 997; ++i) words.push_back(ir::Filter::make_text("w" + std::to_string(i)));
  ir::Query wide = logs("a");
  wide.filter = ir::Filter::make_or(std::move(words));
  EXPECT_EQ(
      refusal(wide),
      "the filter has 997 terms; at most 500 (values of one field, field:(a OR b OR ...), count as one)");
  wide.filter = ir::Filter::make_predicate("attributes.user", ir::Op::in, std::vector<ir::Value>(5001, "u"));
  EXPECT_EQ(refusal(wide), "the filter lists 5001 values; at most 5000");
  ir::Filter deep = ir::Filter::make_text("w");
  for (int i = 0; i < 100; ++i) deep = ir::Filter::make_not(std::move(deep));
  wide.filter = std::move(deep);
  EXPECT_EQ(refusal(wide), "the filter nests deeper than 64 levels");

  ir::Query fits = logs("a");
  fits.filter = ir::Filter::make_predicate("attributes.user", ir::Op::in, std::vector<ir::Value>(5000, "u"));
  EXPECT_TRUE(engine_->collect(fits)) << "5,000 values of one field are fine";
}

TEST_F(EngineWithMock, ATraceSearchOnASpanFieldTheBackendCannotTakeIsRefusedNotAnsweredEmpty) {
  ir::Query q;
  q.signal = ir::Signal::trace_search;
  q.service = "throw";  // had the query reached the mock, it would have failed with "plugin error: boom"
  q.time = {now_ns() - kHour, now_ns()};
  q.limit = 20;
  q.filter = ir::Filter::make_predicate("kind", ir::Op::eq, {std::string("server")});
  auto result = engine_->collect(q);
  ASSERT_FALSE(result) << "the mock filters nothing, and no trace summary has a kind to check in core";
  EXPECT_EQ(result.error().code(), Error::Code::unsupported);
  EXPECT_EQ(
      result.error().message(),
      "trace search cannot filter on 'kind' in core: trace summaries carry no span kind; backend 'mock' "
      "cannot push it down");
}

TEST_F(EngineWithMock, ConcurrentQueriesOnOneEngine) {
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i)
        if (auto r = engine_->collect(logs("payments-api", 10)); r && r->records.size() == 10) ++ok;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 160);
}

TEST(EngineOpen, OptionsErrorsNameTheBackendAndProfile) {
  auto plugin = PluginRegistry({TINKR_PLUGIN_DIR}).load("mock");
  ASSERT_TRUE(plugin);
  auto engine = Engine::open_plugin(*plugin, R"({"fail_open": "option 'x' is missing"})", "staging");
  ASSERT_FALSE(engine);
  EXPECT_EQ(engine.error().code(), Error::Code::config);
  EXPECT_EQ(engine.error().message(), "backend 'mock' (profile 'staging'): option 'x' is missing");
}

// Issue 13.17: a NUL in a plugin's message (a user's trace id) used to cut it at sdk::Error::what();
// invalid UTF-8 and a huge message arrive escaped and bounded, whichever plugin sent them.
TEST(EngineOpen, APluginMessageCrossesWholeWithNulEscapedAndABoundedSize) {
  auto plugin = PluginRegistry({TINKR_PLUGIN_DIR}).load("mock");
  ASSERT_TRUE(plugin);
  auto with_nul = Engine::open_plugin(*plugin, "{\"fail_open\": \"trace 'ab\\u0000cd' \xff not found\"}");
  ASSERT_FALSE(with_nul);
  EXPECT_NE(with_nul.error().message().find("trace 'ab\\x00cd' \\xff not found"), std::string::npos)
      << with_nul.error().message();
  auto huge = Engine::open_plugin(*plugin, R"({"fail_open": ")" + std::string(200'000, 'q') + R"("})");
  ASSERT_FALSE(huge);
  EXPECT_LE(huge.error().message().size(), 4200u);
  EXPECT_NE(huge.error().message().find("more bytes)"), std::string::npos);
}

TEST(EngineOpen, ThePluginStaysLoadedWhileAnEngineLives) {
  std::unique_ptr<Engine> engine;
  {
    auto plugin = PluginRegistry({TINKR_PLUGIN_DIR}).load("mock");
    ASSERT_TRUE(plugin);
    auto opened = Engine::open_plugin(*plugin, "{}");
    ASSERT_TRUE(opened);
    engine = std::move(*opened);
  }  // the LoadedPlugin is gone; the engine's copy keeps the library mapped
  ir::Query q;
  q.signal = ir::Signal::logs;
  q.time = {1, 2};
  q.limit = 1;
  EXPECT_TRUE(engine->collect(q));
}

}  // namespace
}  // namespace tinkr
