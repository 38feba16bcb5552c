// explain shows the SQL with numbered parameters and their values after it; no user value is ever
// part of the SQL text, so an injection attempt is only ever a value.
#include "test_support.hpp"

#include <tinkr/sdk/error.hpp>

#include "lower.hpp"

namespace tinkr::local::testing {
namespace {

TEST_F(LocalTest, ExplainListsBoundParametersAfterTheSql) {
  auto q = logs_query("payments-api");
  q.time = {1000, 2000};
  q.limit = 100;
  q.filter = ir::Filter::make_predicate("severity", ir::Op::ge, {int64_t{17}});
  EXPECT_EQ(
      backend_->explain(q),
      "SELECT time_unix_nano, severity_number, severity_text, body, service, trace_id, span_id, attributes, "
      "item_count FROM logs WHERE service = ?1 AND time_unix_nano >= ?2 AND time_unix_nano < ?3 AND "
      "severity_number >= ?4 ORDER BY time_unix_nano DESC LIMIT ?5\n"
      "-- ?1 = 'payments-api'\n-- ?2 = 1000\n-- ?3 = 2000\n-- ?4 = 17\n-- ?5 = 100");
}

TEST_F(LocalTest, InjectionAttemptsStayValues) {
  ingest(log_line("svc", R"("timeUnixNano":"1","body":{"stringValue":"hello"})"));
  const std::string evil = "x' OR 1=1 --";
  auto q = logs_query(evil);
  q.filter =
      ir::Filter::make_and({ir::Filter::make_predicate("body", ir::Op::eq, {evil}),
                            ir::Filter::make_predicate("attributes." + evil + "\"]", ir::Op::eq, {evil}),
                            ir::Filter::make_text(evil)});
  const std::string sql = backend_->explain(q);
  const std::string statement = sql.substr(0, sql.find('\n'));
  EXPECT_EQ(statement.find("OR 1=1"), std::string::npos) << "the value reached the SQL text: " << statement;
  EXPECT_EQ(statement.find(evil.substr(0, 2)), std::string::npos) << statement;
  EXPECT_NE(sql.find("-- ?1 = 'x'' OR 1=1 --'"), std::string::npos) << "the value is listed, quoted: " << sql;
  auto on_known_service = q;
  on_known_service.service = "svc";
  EXPECT_TRUE(run(on_known_service).logs.empty()) << "the injection matched rows";
  // A service that names no data is not_found; an injection would have matched svc's rows instead.
  try {
    run(logs_query(evil));
    ADD_FAILURE() << "the injected service matched";
  } catch (const sdk::Error& e) {
    EXPECT_EQ(e.status(), TINKR_NOT_FOUND) << e.what();
  }
  ir::Query native;
  native.signal = ir::Signal::native;
  native.native_text = "SELECT 1";
  EXPECT_EQ(backend_->explain(native), "SELECT 1");
}

TEST_F(LocalTest, ExplainCoversEverySignal) {
  ir::Query q;
  q.signal = ir::Signal::trace_search;
  q.service = "checkout";
  q.filter = ir::Filter::make_predicate("status", ir::Op::eq, {std::string("error")});
  EXPECT_NE(backend_->explain(q).find("PARTITION BY trace_id"), std::string::npos);
  q.signal = ir::Signal::trace_get;
  q.trace_id = "ABC";
  EXPECT_NE(backend_->explain(q).find("-- ?1 = 'abc'"), std::string::npos)
      << "trace ids are matched lowercase";
  q.signal = ir::Signal::metrics;
  q.time = {60'000'000'000, 120'000'000'000};
  q.metrics.names = {"requests"};
  q.metrics.group_by = {"http.route"};
  const std::string metrics = backend_->explain(q);
  EXPECT_NE(metrics.find("GROUP BY metric, g0, bucket"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("'$.\"http.route\"'"), std::string::npos) << "the dimension path is a bound value";
}

TEST_F(LocalTest, LongListsStayWithinSqlitesExpressionDepth) {
  // SQLite refuses an expression over 1000 deep, and "a OR b OR ..." is as deep as it is long: 997
  // OR'd words once failed with "Expression tree is too large" (and the database path, as a 500).
  ingest(log_line("svc", R"("timeUnixNano":"1","body":{"stringValue":"needle w996"},)"
                         R"("attributes":[{"key":"user","value":{"stringValue":"u4999"}}])"));
  std::vector<ir::Filter> words;
  for (int i = 0; i < 997; ++i) words.push_back(ir::Filter::make_text("w" + std::to_string(i)));
  auto q = logs_query("svc");
  q.filter = ir::Filter::make_or(std::move(words));
  EXPECT_EQ(run(q).logs.size(), 1u);
  std::vector<ir::Value> users;
  for (int i = 0; i < 5000; ++i) users.emplace_back("u" + std::to_string(i));
  q.filter = ir::Filter::make_predicate("attributes.user", ir::Op::in, std::move(users));
  EXPECT_EQ(run(q).logs.size(), 1u);
}

}  // namespace
}  // namespace tinkr::local::testing
