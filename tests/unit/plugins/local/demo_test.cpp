// The demo generator: deterministic, valid OTLP/JSON that the local backend stores, and an incident
// that the questions of `make demo` find.
#include "test_support.hpp"

#include <demo_data.hpp>

#include <algorithm>
#include <iterator>
#include <set>

namespace tinkr::local::testing {
namespace {

constexpr int64_t kNow = 1'750'000'000'000'000'000;  // a fixed "now" keeps the test reproducible
constexpr int64_t kHour = 3'600'000'000'000;

TEST(DemoData, SameSeedSameBytesOtherSeedOtherBytes) {
  std::string a, b, c;
  demo::DemoOptions options;
  options.now_ns = kNow;
  options.duration_ns = kHour / 6;
  demo::generate_demo(options, a);
  demo::generate_demo(options, b);
  options.seed = 7;
  demo::generate_demo(options, c);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
}

std::set<std::string> trace_ids_in(const std::string& lines) {
  std::set<std::string> ids;
  const std::string key = "\"traceId\":\"";
  for (auto at = lines.find(key); at != std::string::npos; at = lines.find(key, at + 1))
    ids.insert(lines.substr(at + key.size(), 32));
  return ids;
}

// Issue 12 item 9: `tinkr demo` twice gave two requests one trace id (14 spans under wrong parents).
TEST(DemoData, EveryRunGetsFreshTraceIds) {
  std::string first, second;
  demo::DemoOptions options;
  options.now_ns = kNow;
  options.duration_ns = kHour / 12;
  demo::generate_demo(options, first);
  options.now_ns = kNow + 90'000'000'000;  // the same seed, run a minute and a half later
  demo::generate_demo(options, second);
  const auto a = trace_ids_in(first), b = trace_ids_in(second);
  ASSERT_GT(a.size(), 100u);
  ASSERT_GT(b.size(), 100u);
  std::vector<std::string> shared;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(shared));
  EXPECT_TRUE(shared.empty()) << shared.size() << " trace ids in both runs, e.g. " << shared.front();
}

// The hour is generated and stored once for the suite; each test opens its own instance on it.
class DemoTest : public LocalTest {
 protected:
  static void SetUpTestSuite() {
    shared_dir_ = new std::filesystem::path(std::filesystem::temp_directory_path() /
                                            ("tinkr-local-demo-" + std::to_string(std::random_device{}())));
    std::filesystem::create_directories(*shared_dir_);
    Options options;
    options.path = (*shared_dir_ / "demo.db").string();
    LocalBackend backend(options);
    demo::DemoOptions demo_options;
    demo_options.now_ns = kNow;
    data_ = new std::string;
    summary_ = demo::generate_demo(demo_options, *data_);
    summary_json_ = new std::string(backend.ingest("otlp-json", "demo", *data_));
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    std::filesystem::remove_all(*shared_dir_, ec);
    delete shared_dir_;
    delete data_;
    delete summary_json_;
  }
  void SetUp() override {
    LocalTest::SetUp();
    Options options;
    options.path = (*shared_dir_ / "demo.db").string();
    backend_ = std::make_unique<LocalBackend>(options);
  }

  static inline std::filesystem::path* shared_dir_ = nullptr;
  static inline std::string* data_ = nullptr;
  static inline std::string* summary_json_ = nullptr;
  static inline demo::DemoSummary summary_;
};

TEST_F(DemoTest, EveryRecordIsStored) {
  EXPECT_GT(summary_.requests, 6000) << "about two requests a second for an hour";
  EXPECT_EQ(*summary_json_, "{\"logs\":" + std::to_string(summary_.logs) +
                                ",\"spans\":" + std::to_string(summary_.spans) +
                                ",\"metric_points\":" + std::to_string(summary_.metric_points) + "}");
}

// Issue 12 item 5: the regex runs in SQL (REGEXP is RE2), so every database timeout of the hour is
// found, not only those among the newest 1,000 records a core-side filter would see.
TEST_F(DemoTest, ARegexOnTheMessageFindsEveryTimeoutInSql) {
  auto q = logs_query("payments-api");
  q.time = {kNow - kHour, kNow};
  q.filter = ir::Filter::make_predicate("body", ir::Op::matches, {std::string("time(d )?out")});
  q.limit = 5000;
  auto out = run(q);
  EXPECT_GT(out.logs.size(), 500u) << "the incident's database timeouts";
  for (const auto& r : out.logs) ASSERT_NE(r.body.find("timeout"), std::string::npos) << r.body;
  q.filter = ir::Filter::make_predicate("body", ir::Op::contains, {std::string("timeout")});
  EXPECT_EQ(run(q).logs.size(), out.logs.size());
}

TEST_F(DemoTest, TheErrorBurstOfPaymentsApiIsInTheIncident) {
  auto q = logs_query("payments-api");
  q.time = {kNow - kHour, kNow};
  q.filter = ir::Filter::make_predicate("severity", ir::Op::ge, {int64_t{17}});
  auto out = run(q);
  ASSERT_GT(out.logs.size(), 100u) << "an error burst";
  for (const auto& r : out.logs) {
    EXPECT_GE(r.time_ns, summary_.incident.start_ns);
    EXPECT_LT(r.time_ns, summary_.incident.end_ns + 10'000'000'000);
    EXPECT_NE(r.body.find("orders-db"), std::string::npos) << r.body;
    EXPECT_EQ(r.trace_id.size(), 32u);
  }
}

TEST_F(DemoTest, TheLatencySpikeAndFailingCallShowInMetricsAndTraces) {
  ir::Query m;
  m.signal = ir::Signal::metrics;
  m.service = "payments-api";
  m.time = {kNow - kHour, kNow};
  m.metrics.names = {"http.server.duration", "http.server.errors"};
  m.metrics.aggregations = {ir::Aggregation::max};
  m.metrics.interval_ns = 5 * 60'000'000'000;
  auto series = run(m).series;
  ASSERT_EQ(series.size(), 2u);
  const int64_t incident_bucket =
      (summary_.incident.start_ns + 5 * 60'000'000'000 - m.time.from_ns) / m.metrics.interval_ns;
  EXPECT_GT(series[0].points[static_cast<std::size_t>(incident_bucket)].value, 1000)
      << "latency over a second";
  EXPECT_LT(series[0].points[0].value, 500) << "normal latency before the incident";
  EXPECT_GT(series[1].points[static_cast<std::size_t>(incident_bucket)].value, 0)
      << "5xx during the incident";
  EXPECT_EQ(series[1].points[0].value, 0);

  ir::Query t;
  t.signal = ir::Signal::trace_search;
  t.service = "payments-api";
  t.time = {kNow - kHour, kNow};
  t.filter = ir::Filter::make_predicate("status", ir::Op::eq, {std::string("error")});
  t.order = {"duration", true};
  t.limit = 5;
  auto traces = run(t).summaries;
  ASSERT_EQ(traces.size(), 5u);
  EXPECT_EQ(traces[0].name, "POST /payments");
  EXPECT_EQ(traces[0].status_code, "503");
  EXPECT_GE(traces[0].span_count, 6);

  ir::Query g;
  g.signal = ir::Signal::trace_get;
  g.trace_id = traces[0].trace_id;
  auto spans = run(g).spans;
  ASSERT_EQ(spans.size(), static_cast<std::size_t>(traces[0].span_count));
  bool failing_db_call = false;
  for (const auto& s : spans) {
    EXPECT_EQ(s.flags, 0u) << "a whole trace has no orphans";
    failing_db_call = failing_db_call || (s.kind == "client" && s.status == TINKR_SPAN_STATUS_ERROR &&
                                          s.attributes_json.find("orders-db") != std::string::npos);
  }
  EXPECT_TRUE(failing_db_call) << "the failing downstream call is in the trace";
}

}  // namespace
}  // namespace tinkr::local::testing
