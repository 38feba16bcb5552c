// Records stay views until kept (issue 15): the engine runs the residual filter on the C view a plugin
// passes and copies only the records that pass, and a sink that takes views (on_log_record_view) gets
// them uncopied. Observed by counting operator new while a plain-C
// plugin (tests/abi/fixtures/many_logs.c, which allocates nothing per record this way) streams 10,000
// log records whose strings are all longer than a small-string buffer: a copy of any one of them
// would allocate. This binary replaces the global operator new, so it holds these tests alone.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "tinkr/engine.hpp"
#include "tinkr/registry.hpp"

namespace {
std::atomic<int64_t> allocations{0};
}  // namespace

void* operator new(std::size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size ? size : 1)) return p;
  throw std::bad_alloc();
}
// Not inlined: GCC would see free() given memory from operator new and warn of a mismatch
// (-Wmismatched-new-delete), not knowing that this operator new is malloc.
[[gnu::noinline]] void operator delete(void* p) noexcept {
  std::free(p);
}
[[gnu::noinline]] void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}

namespace tinkr {
namespace {

constexpr int64_t kRecords = 10'000;  // FIXTURE_RECORDS in many_logs.c

class EngineViews : public ::testing::Test {
 protected:
  void SetUp() override {
    auto plugin = PluginRegistry({TINKR_ABI_FIXTURE_DIR}).load("many_logs");
    ASSERT_TRUE(plugin) << plugin.error().to_string();
    auto engine = Engine::open_plugin(*plugin, "{}");
    ASSERT_TRUE(engine) << engine.error().to_string();
    engine_ = std::move(*engine);
  }

  /// Runs `filter` over the fixture's records; the allocations the whole run made.
  int64_t allocations_running(const std::string& filter_json, RunStats& stats, int64_t& kept) {
    auto filter = ir::parse_json(R"({"ir":1,"signal":"logs","filter":)" + filter_json + "}");
    EXPECT_TRUE(filter) << filter.error().to_string();
    ir::Query query = *filter;
    query.time = {1'749'000'000'000'000'000, 1'751'000'000'000'000'000};
    struct Counter final : ResultSink {
      int64_t records = 0;
      bool on_record(Record&&) override { return ++records, true; }
    } counter;
    const int64_t before = allocations.load();
    auto run = engine_->run(query, counter);
    const int64_t made = allocations.load() - before;
    EXPECT_TRUE(run) << run.error().to_string();
    if (run) stats = *run;
    kept = counter.records;
    return made;
  }

  std::unique_ptr<Engine> engine_;
};

TEST_F(EngineViews, ARecordTheResidualRejectsIsNeverCopied) {
  RunStats stats;
  int64_t kept = 0;
  const int64_t made = allocations_running(R"({"text":"needle"})", stats, kept);
  ASSERT_TRUE(stats.residual) << "the fixture pushes nothing down: free text is the core's to check";
  EXPECT_EQ(stats.received, kRecords);
  EXPECT_EQ(kept, 0);
  // Planning and the IR's JSON allocate a fixed amount; a copy per record would be at least 4 x 10,000
  // (body, service, severity text, attributes).
  EXPECT_LT(made, 500) << made << " allocations for " << kRecords << " rejected records: some were copied";
}

TEST_F(EngineViews, AttributesAreParsedOnlyWhenAFilterNamesOne) {
  RunStats stats;
  int64_t kept = 0;
  const int64_t on_body = allocations_running(R"({"field":"body","op":"eq","value":"needle"})", stats, kept);
  EXPECT_EQ(kept, 0);
  EXPECT_LT(on_body, 500) << "a filter on the body parsed the attributes of " << kRecords << " records";
  const int64_t on_attribute =
      allocations_running(R"({"field":"attributes.http.route","op":"eq","value":"needle"})", stats, kept);
  EXPECT_EQ(kept, 0);
  EXPECT_GE(on_attribute, kRecords) << "a filter on an attribute parses each record's attributes";
}

TEST_F(EngineViews, ARecordThatPassesIsCopiedWhole) {
  RunStats stats;
  int64_t kept = 0;
  allocations_running(R"({"text":"payments service"})", stats, kept);
  EXPECT_EQ(kept, kRecords);
  auto result = engine_->collect([] {
    auto q = *ir::parse_json(R"({"ir":1,"signal":"logs","filter":{"text":"twelve"},"limit":1})");
    q.time = {1'749'000'000'000'000'000, 1'751'000'000'000'000'000};
    return q;
  }());
  ASSERT_TRUE(result) << result.error().to_string();
  ASSERT_EQ(result->records.size(), 1u);
  const auto& log = std::get<LogRecord>(result->records[0]);
  EXPECT_EQ(log.body, "request served in twelve milliseconds by the payments service");
  EXPECT_EQ(log.service, "payments-api-with-a-long-service-name");
  EXPECT_EQ(log.severity_text, "Information: a level text longer than a small string");
  EXPECT_EQ(log.trace_id, "5b8efff798038103d269b633813fc60c");
  EXPECT_EQ(log.span_id, "eee19b7ec3c1b174");
  EXPECT_EQ(log.attributes_json, R"({"http.route":"/payments/authorize","http.response.status_code":200})");
  EXPECT_EQ(log.severity_number, 9);
  EXPECT_EQ(log.item_count, 1);
}

// A sink that writes records out as they come takes each log record as the plugin's view: 10,000 records
// that pass the filter reach it without one allocation each, whole.
TEST_F(EngineViews, ASinkOfViewsGetsEveryRecordWithoutACopy) {
  auto query = *ir::parse_json(R"({"ir":1,"signal":"logs","filter":{"text":"payments service"}})");
  query.time = {1'749'000'000'000'000'000, 1'751'000'000'000'000'000};
  struct Views final : ResultSink {
    int64_t views = 0;
    int64_t copies = 0;
    std::string twelve;  // the one record the test reads whole, as JSON-ish text
    bool on_record(Record&&) override { return ++copies, true; }
    bool on_log_record_view(const LogRecordView& r) override {
      ++views;
      if (r.body.find("twelve") != std::string_view::npos && twelve.empty())
        twelve = std::string(r.service) + "|" + std::string(r.severity_text) + "|" + std::string(r.trace_id) +
                 "|" + std::string(r.span_id) + "|" + std::string(r.attributes_json) + "|" +
                 std::to_string(r.severity_number) + "|" + std::to_string(r.item_count);
      return true;
    }
  } sink;
  const int64_t before = allocations.load();
  auto run = engine_->run(query, sink);
  const int64_t made = allocations.load() - before;
  ASSERT_TRUE(run) << run.error().to_string();
  EXPECT_EQ(sink.views, kRecords);
  EXPECT_EQ(sink.copies, 0);
  EXPECT_LT(made, 500) << made << " allocations for " << kRecords << " records delivered as views";
  EXPECT_EQ(sink.twelve,
            "payments-api-with-a-long-service-name|Information: a level text longer than a small string|"
            "5b8efff798038103d269b633813fc60c|eee19b7ec3c1b174|"
            R"({"http.route":"/payments/authorize","http.response.status_code":200})"
            "|9|1");
}

}  // namespace
}  // namespace tinkr
