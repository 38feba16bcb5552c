// The incident report on the demo's hour, through the engine and the local plugin (the truth tests
// of docs/incident.md): the report must find the incident the generator injected, where it injected it.
#include <gtest/gtest.h>

#include <demo_data.hpp>
#include <tinkr/engine.hpp>
#include <tinkr/incident.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>

namespace tinkr::incident {
namespace {

const MetricShift* shift_of(const Report& report, const std::string& metric) {
  for (const auto& s : report.shifts)
    if (s.metric == metric) return &s;
  return nullptr;
}

bool path_passes(const ExampleTrace& example, const std::string& service, const std::string& name) {
  return std::any_of(example.critical_path.begin(), example.critical_path.end(),
                     [&](const PathStep& s) { return s.service == service && s.name == name; });
}

// One demo hour with the given fault, stored in a fresh local store.
struct DemoStore {
  std::filesystem::path dir;
  std::unique_ptr<Engine> engine;
  demo::DemoSummary summary;

  explicit DemoStore(demo::Fault fault)
      : dir(std::filesystem::temp_directory_path() /
            ("tinkr-incident-" + std::to_string(std::random_device{}()))) {
    std::filesystem::create_directories(dir);
    auto plugin = PluginRegistry({TINKR_PLUGIN_DIR}).load("local");
    EXPECT_TRUE(plugin) << plugin.error().to_string();
    if (!plugin) return;
    auto opened =
        Engine::open_plugin(*plugin, R"({"path":")" + (dir / "demo.db").string() + R"("})", "local");
    EXPECT_TRUE(opened) << opened.error().to_string();
    if (!opened) return;
    engine = std::move(*opened);
    demo::DemoOptions options;
    options.now_ns = now_ns();
    options.fault = fault;
    std::string data;
    summary = demo::generate_demo(options, data);
    auto stored = engine->ingest("otlp-json", "demo", data);
    EXPECT_TRUE(stored) << stored.error().to_string();
  }
  ~DemoStore() {
    engine.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

class IncidentTest : public ::testing::Test {
 protected:
  static Report report(DemoStore& store, const std::string& service, const std::string& since,
                       const std::string& baseline = "prev") {
    ReportOptions options;
    options.service = service;
    options.since = since;
    options.baseline = baseline;
    if (!store.engine) return {};
    auto built = build_report(*store.engine, options);
    EXPECT_TRUE(built) << built.error().to_string();
    return built ? std::move(*built) : Report{};
  }

  static void expect_shift_at_incident(const Report& report, const std::string& metric,
                                       const demo::Incident& incident) {
    const MetricShift* shift = shift_of(report, metric);
    ASSERT_NE(shift, nullptr) << metric;
    EXPECT_TRUE(shift->shifted) << metric << " score " << shift->score;
    EXPECT_GT(shift->score, 0) << metric;
    EXPECT_LE(std::llabs(shift->shift_start_ns - incident.start_ns), report.bucket_ns)
        << metric << " began " << (shift->shift_start_ns - incident.start_ns) / 1'000'000'000
        << " s from the injected incident";
  }
};

class DemoIncident : public IncidentTest {
 protected:
  static void SetUpTestSuite() { store_ = new DemoStore(demo::Fault::orders_db); }
  static void TearDownTestSuite() { delete store_; }
  void SetUp() override { ASSERT_TRUE(store_->engine); }
  static Report report(const std::string& service, const std::string& since,
                       const std::string& baseline = "prev") {
    return IncidentTest::report(*store_, service, since, baseline);
  }
  static void expect_shift_at_incident(const Report& report, const std::string& metric) {
    IncidentTest::expect_shift_at_incident(report, metric, store_->summary.incident);
  }
  static inline DemoStore* store_ = nullptr;
};

TEST_F(DemoIncident, TheHourNamesTheDatabaseTimeoutPostPaymentsAndTheShiftAtTheIncident) {
  const Report r = report("payments-api", "1h");
  EXPECT_EQ(r.bucket_ns, 60'000'000'000);
  ASSERT_FALSE(r.patterns.empty());
  EXPECT_EQ(r.patterns[0].pattern, "database timeout: orders-db did not answer within <*>ms");
  EXPECT_TRUE(r.patterns[0].is_new);
  EXPECT_GE(r.patterns[0].first_seen_ns, store_->summary.incident.start_ns);
  EXPECT_LT(r.patterns[0].last_seen_ns, store_->summary.incident.end_ns + 5'000'000'000);
  ASSERT_FALSE(r.operations.empty());
  EXPECT_EQ(r.operations[0].name, "POST /payments");
  ASSERT_FALSE(r.operations[0].result_codes.empty());
  EXPECT_EQ(r.operations[0].result_codes[0].first, "503");
  expect_shift_at_incident(r, "error_rate");
  expect_shift_at_incident(r, "latency_p95");
  ASSERT_FALSE(r.examples.empty());
  EXPECT_EQ(r.examples[0].why, "slowest failing request");
  EXPECT_TRUE(path_passes(r.examples[0], "payments-api", "SELECT orders") ||
              path_passes(r.examples[0], "payments-api", "INSERT payments"));
  EXPECT_TRUE(std::any_of(
      r.examples[0].exceptions.begin(), r.examples[0].exceptions.end(),
      [](const std::string& e) { return e.find("did not answer within 2000ms") != std::string::npos; }));
  // What it ran: the logs, the requests, the failed or slow requests, then each example trace.
  ASSERT_GE(r.queries.size(), 4u);
  EXPECT_NE(r.queries[0].native.find("SELECT"), std::string::npos);
  EXPECT_FALSE(r.baseline_has_data);  // the demo writes one hour: nothing before it
}

TEST_F(DemoIncident, AgainstTheHalfHourBeforeOnlyTheIncidentIsNew) {
  const Report r = report("payments-api", "30m");
  EXPECT_TRUE(r.baseline_has_data);
  ASSERT_FALSE(r.patterns.empty());
  EXPECT_EQ(r.patterns[0].pattern, "database timeout: orders-db did not answer within <*>ms");
  EXPECT_TRUE(r.patterns[0].is_new);
  for (const auto& p : r.patterns) {
    if (p.pattern == "card declined for order <*>") {
      EXPECT_FALSE(p.is_new) << "declines happen all hour";
    }
  }
  const MetricShift* errors = shift_of(r, "error_rate");
  ASSERT_NE(errors, nullptr);
  EXPECT_TRUE(errors->reference_is_baseline);
  expect_shift_at_incident(r, "error_rate");
  expect_shift_at_incident(r, "latency_p95");
  ASSERT_FALSE(r.operations.empty());
  EXPECT_EQ(r.operations[0].name, "POST /payments");
}

// The local backend counts the messages itself (log_groups, one SQL GROUP BY per range); a backend
// without the signal sends every record and the core counts. Both must tell the same story.
TEST_F(DemoIncident, TheBackendsCountingAndTheCoresGiveTheSamePatterns) {
  ReportOptions options;
  options.service = "payments-api";
  options.since = "30m";
  auto pushed = build_report(*store_->engine, options);
  ASSERT_TRUE(pushed) << pushed.error().to_string();
  EXPECT_TRUE(std::any_of(pushed->queries.begin(), pushed->queries.end(), [](const RanQuery& q) {
    return q.signal == "log_groups" && q.native.find("GROUP BY body") != std::string::npos;
  }));

  Engine& engine = *store_->engine;
  QueryCalls without_groups;
  without_groups.build = [&](const QuerySpec& spec) { return engine.build(spec); };
  without_groups.explain = [&](const ir::Query& q) -> Expected<Explanation> {
    if (q.signal == ir::Signal::log_groups) return fail(Error::Code::unsupported, "no log_groups here");
    return engine.explain(q);
  };
  without_groups.collect = [&](const ir::Query& q) { return engine.collect(q); };
  auto counted_in_core = build_report(without_groups, options);
  ASSERT_TRUE(counted_in_core) << counted_in_core.error().to_string();
  EXPECT_TRUE(std::none_of(counted_in_core->queries.begin(), counted_in_core->queries.end(),
                           [](const RanQuery& q) { return q.signal == "log_groups"; }));

  ASSERT_FALSE(pushed->patterns.empty());
  ASSERT_EQ(pushed->patterns.size(), counted_in_core->patterns.size());
  for (std::size_t i = 0; i < pushed->patterns.size(); ++i) {
    const Pattern &a = pushed->patterns[i], &b = counted_in_core->patterns[i];
    EXPECT_EQ(a.pattern, b.pattern);
    EXPECT_EQ(a.count, b.count) << a.pattern;
    EXPECT_EQ(a.baseline_count, b.baseline_count) << a.pattern;
    EXPECT_EQ(a.first_seen_ns, b.first_seen_ns) << a.pattern;
    EXPECT_EQ(a.last_seen_ns, b.last_seen_ns) << a.pattern;
    EXPECT_EQ(a.is_new, b.is_new) << a.pattern;
    EXPECT_EQ(a.severity_number, b.severity_number) << a.pattern;
  }
  ASSERT_FALSE(counted_in_core->examples.empty());
  EXPECT_EQ(pushed->examples[0].exceptions, counted_in_core->examples[0].exceptions);
}

TEST_F(DemoIncident, TheJsonCarriesTheNumbersAndReadsBackWhole) {
  const std::string json = to_json(report("payments-api", "1h"));
  auto read = report_from_json(json);
  ASSERT_TRUE(read) << read.error().to_string();
  EXPECT_EQ(to_json(*read), json);
  auto bad = report_from_json(
      R"({"service":"s","window":{"from_ns":1,"to_ns":2},"baseline":{},"error_patterns":[{"count":"x"}]})");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message().find("'count'"), std::string::npos) << bad.error().message();
  EXPECT_FALSE(report_from_json("[]"));
  EXPECT_NE(json.find(R"("pattern":"database timeout: orders-db did not answer within <*>ms")"),
            std::string::npos);
  EXPECT_NE(json.find(R"("name":"POST /payments")"), std::string::npos);
  EXPECT_NE(json.find(R"("metric":"error_rate")"), std::string::npos);
  EXPECT_NE(json.find(R"("critical_path":[{)"), std::string::npos);
}

TEST_F(DemoIncident, BadOptionsAreNamed) {
  ReportOptions options;
  options.service = "payments-api";
  options.baseline = "yesterday";
  auto bad = build_report(*store_->engine, options);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code(), Error::Code::invalid_query);
  EXPECT_NE(bad.error().message().find("--baseline"), std::string::npos) << bad.error().message();
  options.baseline = "prev";
  options.slow = "0s";
  bad = build_report(*store_->engine, options);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message().find("--slow"), std::string::npos) << bad.error().message();
  options.slow = "1s";
  options.service = "";
  EXPECT_FALSE(build_report(*store_->engine, options));
}

// The second scenario: inventory's stock cache fails, so checkout answers 503. Another service, another
// message, another operation: the report must follow the data, not the first story.
class InventoryOutage : public IncidentTest {
 protected:
  static void SetUpTestSuite() { store_ = new DemoStore(demo::Fault::inventory_outage); }
  static void TearDownTestSuite() { delete store_; }
  void SetUp() override { ASSERT_TRUE(store_->engine); }
  static inline DemoStore* store_ = nullptr;
};

TEST_F(InventoryOutage, CheckoutsReportNamesTheInventoryFailure) {
  const Report r = report(*store_, "checkout", "1h");
  ASSERT_FALSE(r.patterns.empty());
  EXPECT_EQ(r.patterns[0].pattern,
            "checkout aborted for order <*>: inventory returned <*> Service Unavailable");
  EXPECT_TRUE(r.patterns[0].is_new);
  EXPECT_GE(r.patterns[0].first_seen_ns, store_->summary.incident.start_ns);
  ASSERT_FALSE(r.operations.empty());
  EXPECT_EQ(r.operations[0].name, "POST /checkout");
  ASSERT_FALSE(r.operations[0].result_codes.empty());
  EXPECT_EQ(r.operations[0].result_codes[0].first, "503");
  expect_shift_at_incident(r, "error_rate", store_->summary.incident);
  ASSERT_FALSE(r.examples.empty());
  EXPECT_TRUE(path_passes(r.examples[0], "inventory", "GET /inventory/{sku}"));
  EXPECT_TRUE(std::any_of(
      r.examples[0].exceptions.begin(), r.examples[0].exceptions.end(),
      [](const std::string& e) { return e.find("stock-cache returned 503") != std::string::npos; }));
}

TEST_F(InventoryOutage, InventorysOwnReportNamesTheStockCache) {
  const Report r = report(*store_, "inventory", "1h");
  ASSERT_FALSE(r.patterns.empty());
  EXPECT_EQ(r.patterns[0].pattern,
            "stock lookup failed for sku <*>: stock-cache returned <*> after <*> tries");
  expect_shift_at_incident(r, "error_rate", store_->summary.incident);
  expect_shift_at_incident(r, "latency_p95", store_->summary.incident);
}

TEST_F(InventoryOutage, PaymentsApiIsQuietThisTime) {
  const Report r = report(*store_, "payments-api", "1h");
  for (const auto& p : r.patterns)
    EXPECT_EQ(p.pattern.find("database timeout"), std::string::npos) << p.pattern;
  const MetricShift* errors = shift_of(r, "error_rate");
  ASSERT_NE(errors, nullptr);
  EXPECT_FALSE(errors->shifted) << "score " << errors->score;
  for (const auto& o : r.operations) EXPECT_EQ(o.failed, 0) << o.name;
}

}  // namespace
}  // namespace tinkr::incident
