// plan(): which parts of a filter each kind of backend is sent, what the core keeps back, and how the
// limit survives a residual.
#include <tinkr/planner.hpp>
#include <tinkr/query.hpp>
#include <tinkr/sdk/ir_json.hpp>

#include <gtest/gtest.h>

#include <type_traits>

#include "azure_capabilities.hpp"

namespace {

using tinkr::ir::Op;
using tinkr::ir::Signal;
using tinkr::planner::Capabilities;
using tinkr::planner::testing::azure_capabilities;

Capabilities exact_everything() {
  Capabilities caps = azure_capabilities();
  caps.name = "exact";
  caps.exact_operators = caps.operators;
  caps.max_limit = 0;
  return caps;
}

Capabilities minimal() {
  Capabilities caps;
  caps.name = "minimal";
  caps.signals = {Signal::logs};
  caps.fields = {"time", "service"};
  caps.operators = {Op::eq};
  caps.exact_operators = {Op::eq};
  caps.boolean_or = caps.boolean_not = false;
  return caps;
}

/// The backend of planner.hpp's worked example.
Capabilities worked_example() {
  Capabilities caps;
  caps.name = "example";
  caps.signals = {Signal::logs};
  caps.fields = {"severity", "body"};
  caps.operators = {Op::eq, Op::in, Op::contains};
  caps.exact_operators = {Op::eq, Op::in};
  caps.text_search = false;
  return caps;
}

tinkr::ir::Query logs_query(const char* text, int64_t limit = 100) {
  tinkr::ir::Query query;
  query.signal = Signal::logs;
  query.service = "checkout";
  query.time = {1000, 2000};
  query.limit = limit;
  auto filter = tinkr::query::parse_filter(text, 0);
  EXPECT_TRUE(filter) << filter.error().message();
  if (filter) query.filter = *filter;
  return query;
}

struct SplitCase {
  const char* description;
  Capabilities (*capabilities)();
  const char* query;
  const char* pushed;    // the pushed filter as JSON
  const char* residual;  // the residual as JSON
};

class SplitTest : public ::testing::TestWithParam<SplitCase> {};

TEST_P(SplitTest, FilterIsSplitAsExpected) {
  const SplitCase& c = GetParam();
  auto plan = tinkr::planner::plan(logs_query(c.query), c.capabilities());
  ASSERT_TRUE(plan) << plan.error().message();
  EXPECT_EQ(tinkr::ir::to_json(plan->pushed.filter), c.pushed) << c.description;
  EXPECT_EQ(tinkr::ir::to_json(plan->residual), c.residual) << c.description;
}

constexpr const char* kAll = R"({"all":true})";
constexpr const char* kBenchQuery =
    R"(level:(ERROR OR CRITICAL) AND "connection timeout" AND NOT "health check")";

const SplitCase kSplits[] = {
    {"azure: exact in pushed alone; inexact text pushed and re-checked; text under not kept back",
     azure_capabilities, kBenchQuery,
     R"({"and":[{"field":"severity","op":"in","values":[17,21]},{"text":"connection timeout"}]})",
     R"({"and":[{"text":"connection timeout"},{"not":{"text":"health check"}}]})"},
    {"planner.hpp's worked example: contains pushed and re-checked, text and not(text) kept back",
     worked_example, R"(level:(ERROR OR CRITICAL) AND "connection timeout" AND message:db AND NOT "health")",
     R"({"and":[{"field":"severity","op":"in","values":[17,21]},{"field":"body","op":"contains","value":"db"}]})",
     R"({"and":[{"text":"connection timeout"},{"field":"body","op":"contains","value":"db"},{"not":{"text":"health"}}]})"},
    {"exact backend: everything pushed, nothing kept", exact_everything, kBenchQuery,
     R"({"and":[{"field":"severity","op":"in","values":[17,21]},{"text":"connection timeout"},{"not":{"text":"health check"}}]})",
     kAll},
    {"minimal: only service eq pushed", minimal, "service:checkout level:ERROR",
     R"({"field":"service","op":"eq","value":"checkout"})", R"({"field":"severity","op":"eq","value":17})"},
    {"minimal: an or cannot be pushed", minimal, "service:a OR service:b", kAll,
     R"({"or":[{"field":"service","op":"eq","value":"a"},{"field":"service","op":"eq","value":"b"}]})"},
    {"minimal: a not cannot be pushed", minimal, "NOT service:a", kAll,
     R"({"not":{"field":"service","op":"eq","value":"a"}})"},
    {"minimal: in is not an operator it has", minimal, "service:(a OR b)", kAll,
     R"({"field":"service","op":"in","values":["a","b"]})"},
    {"azure: not of an exact predicate is pushed alone", azure_capabilities, "NOT level:DEBUG",
     R"({"not":{"field":"severity","op":"eq","value":5}})", kAll},
    {"azure: not of an inexact predicate is kept back", azure_capabilities, "NOT name:GET*", kAll,
     R"({"not":{"field":"name","op":"startswith","value":"GET"}})"},
    {"azure: an or with an inexact leaf is pushed and re-checked", azure_capabilities,
     "name:GET* OR level:ERROR",
     R"({"or":[{"field":"name","op":"startswith","value":"GET"},{"field":"severity","op":"eq","value":17}]})",
     R"({"or":[{"field":"name","op":"startswith","value":"GET"},{"field":"severity","op":"eq","value":17}]})"},
    {"azure: attributes are pushed through attributes.*", azure_capabilities, "attributes.http.method:POST",
     R"({"field":"attributes.http.method","op":"eq","value":"POST"})", kAll},
    {"minimal: attributes are not pushed without attributes.*", minimal, "attributes.http.method:POST", kAll,
     R"({"field":"attributes.http.method","op":"eq","value":"POST"})"},
    {"azure: regex is pushed and re-checked", azure_capabilities, "message:/time(d )?out/",
     R"({"field":"body","op":"matches","value":"time(d )?out"})",
     R"({"field":"body","op":"matches","value":"time(d )?out"})"},
    {"azure: empty filter", azure_capabilities, "*", kAll, kAll},
};
INSTANTIATE_TEST_SUITE_P(Capabilities, SplitTest, ::testing::ValuesIn(kSplits));

// One function, and a pure one: the query is read, never taken apart, and the same query plans the
// same way every time. (Taking plan's address fails to compile while an overload exists.)
TEST(Plan, IsOnePureFunctionOfTheQuery) {
  using PlanFunction =
      tinkr::Expected<tinkr::planner::Plan> (*)(const tinkr::ir::Query&, const Capabilities&, bool);
  static_assert(std::is_same_v<decltype(&tinkr::planner::plan), PlanFunction>);
  const tinkr::ir::Query query = logs_query(kBenchQuery, 100);
  const tinkr::ir::Query before = query;
  auto first = tinkr::planner::plan(query, azure_capabilities());
  auto second = tinkr::planner::plan(query, azure_capabilities());
  ASSERT_TRUE(first && second);
  EXPECT_EQ(query, before);
  EXPECT_EQ(first->pushed, second->pushed);
  EXPECT_EQ(first->residual, second->residual);
  EXPECT_EQ(first->notes, second->notes);
  EXPECT_EQ(tinkr::ir::to_json(first->pushed.filter),
            R"({"and":[{"field":"severity","op":"in","values":[17,21]},{"text":"connection timeout"}]})");
}

TEST(Plan, ResidualMeansOverFetchAndTheUserLimitIsAppliedInCore) {
  auto plan = tinkr::planner::plan(logs_query(kBenchQuery, 100), azure_capabilities());
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->limit, 100) << "the user's limit is applied by the core";
  EXPECT_EQ(plan->pushed.limit, 1000) << "max(100 * 10, 1000)";
  EXPECT_TRUE(plan->overfetch);
  auto big = tinkr::planner::plan(logs_query(kBenchQuery, 5000), azure_capabilities());
  ASSERT_TRUE(big);
  EXPECT_EQ(big->pushed.limit, 30000) << "50000 capped by max_limit";
}

TEST(Plan, NoResidualPushesTheLimitAsIs) {
  auto plan = tinkr::planner::plan(logs_query("level:ERROR", 100), azure_capabilities());
  ASSERT_TRUE(plan);
  EXPECT_TRUE(plan->residual.is_all());
  EXPECT_EQ(plan->pushed.limit, 100);
  EXPECT_FALSE(plan->overfetch);
  auto capped = tinkr::planner::plan(logs_query("level:ERROR", 50000), azure_capabilities());
  ASSERT_TRUE(capped);
  EXPECT_EQ(capped->pushed.limit, 30000);
  EXPECT_EQ(capped->limit, 50000);
}

TEST(Plan, NoLimitWithAResidualFetchesUpToTheBackendMaximum) {
  auto plan = tinkr::planner::plan(logs_query(kBenchQuery, 0), azure_capabilities());
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->pushed.limit, 30000);
  EXPECT_FALSE(plan->overfetch) << "no user limit, nothing can be cut short by it";
}

TEST(Plan, ABackendThatCannotOrderIsSortedInCore) {
  Capabilities caps = exact_everything();
  caps.order = false;
  auto plan = tinkr::planner::plan(logs_query("level:ERROR", 10), caps);
  ASSERT_TRUE(plan);
  EXPECT_TRUE(plan->sort_in_core);
  EXPECT_EQ(plan->pushed.limit, 0) << "an arbitrary cut before sorting would lose the newest records";
}

TEST(Plan, PushdownOffSendsOnlySignalServiceAndTime) {
  auto plan = tinkr::planner::plan(logs_query("level:ERROR", 100), exact_everything(), false);
  ASSERT_TRUE(plan);
  EXPECT_TRUE(plan->pushed.filter.is_all());
  EXPECT_EQ(tinkr::ir::to_json(plan->residual), R"({"field":"severity","op":"eq","value":17})");
  EXPECT_EQ(plan->pushed.service, "checkout");
  EXPECT_EQ(plan->pushed.time, (tinkr::ir::TimeRange{1000, 2000}));
  EXPECT_EQ(plan->pushed.limit, 1000) << "over-fetch: the residual holds the whole filter";
}

TEST(Plan, EverythingButTheFilterAndLimitIsPushedUnchanged) {
  tinkr::ir::Query query = logs_query("level:ERROR");
  query.signal = Signal::metrics;
  query.resource_type = "aks";
  query.metrics.names = {"cpu"};
  query.metrics.top = 5;
  query.order = {"duration", false};
  auto plan = tinkr::planner::plan(query, azure_capabilities());
  ASSERT_TRUE(plan);
  tinkr::ir::Query expected = query;
  // But for the metric buckets the core settles (metric_buckets_test.cpp): an interval, the start on it.
  expected.metrics.interval_ns = 60'000'000'000;
  expected.time.from_ns = 0;
  EXPECT_EQ(plan->pushed, expected);
}

TEST(Plan, AMissingSignalIsRefusedBeforeAnythingIsSent) {
  Capabilities caps = minimal();
  caps.name = "x";
  caps.signals = {Signal::logs, Signal::metrics};
  tinkr::ir::Query query;
  query.signal = Signal::trace_get;
  auto plan = tinkr::planner::plan(query, caps);
  ASSERT_FALSE(plan);
  EXPECT_EQ(plan.error().code(), tinkr::Error::Code::unsupported);
  EXPECT_EQ(plan.error().message(),
            "backend 'x' cannot answer trace_get queries (it supports: logs, metrics)");
}

TEST(Plan, ARegexThatDoesNotCompileIsRefused) {
  tinkr::ir::Query query;
  query.filter = tinkr::ir::Filter::make_predicate("body", Op::matches, {std::string("(open")});
  auto plan = tinkr::planner::plan(query, azure_capabilities());
  ASSERT_FALSE(plan);
  EXPECT_EQ(plan.error().code(), tinkr::Error::Code::invalid_query);
  EXPECT_TRUE(plan.error().message().starts_with("invalid regex for body matches /(open/: "))
      << plan.error().message();
}

}  // namespace
