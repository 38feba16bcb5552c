// plan() for trace search. Its filter is about spans (the backend finds traces with a matching span)
// but the core sees one summary per trace, so a part on a field a summary lacks (kind, attributes.*,
// parent_span_id, ...) must never be re-checked in core, where it would drop every trace without a
// word: it is left to the backend when the backend can take it, and refused otherwise.
#include <tinkr/planner.hpp>
#include <tinkr/query.hpp>
#include <tinkr/sdk/ir_json.hpp>

#include <gtest/gtest.h>

#include "azure_capabilities.hpp"

#include <algorithm>
#include <iterator>
#include <string>
#include <vector>

namespace {

using tinkr::ir::Filter;
using tinkr::ir::Op;
using tinkr::ir::Signal;
using tinkr::planner::Capabilities;
using tinkr::planner::testing::azure_capabilities;

constexpr const char* kAll = R"({"all":true})";

/// A backend that filters nothing itself, as the mock plugin declares.
Capabilities filters_nothing() {
  Capabilities caps;
  caps.name = "mock";
  caps.signals = {Signal::logs, Signal::trace_search};
  caps.boolean_or = caps.boolean_not = false;
  return caps;
}

tinkr::ir::Query query(Signal signal, const char* text) {
  tinkr::ir::Query q;
  q.signal = signal;
  q.time = {1000, 2000};
  q.limit = 20;
  q.order = {"duration", true};
  auto filter = tinkr::query::parse_filter(text, 0);
  EXPECT_TRUE(filter) << filter.error().message();
  if (filter) q.filter = *filter;
  return q;
}

tinkr::ir::Query trace_search(const char* text) {
  return query(Signal::trace_search, text);
}

bool has_note(const tinkr::planner::Plan& plan, const std::string& note) {
  return std::find(plan.notes.begin(), plan.notes.end(), note) != plan.notes.end();
}

TEST(TraceSearchPlan, AnExactPredicateOnASpanFieldIsPushedAlone) {
  auto plan = tinkr::planner::plan(trace_search("kind:server"), azure_capabilities());
  ASSERT_TRUE(plan) << plan.error().message();
  EXPECT_EQ(tinkr::ir::to_json(plan->pushed.filter), R"({"field":"kind","op":"eq","value":"server"})");
  EXPECT_EQ(tinkr::ir::to_json(plan->residual), kAll);
}

TEST(TraceSearchPlan, AnInexactPredicateOnASpanFieldIsLeftToTheBackendAndNotRecheckedInCore) {
  auto plan =
      tinkr::planner::plan(trace_search("attributes.http.method:GE* duration>1s"), azure_capabilities());
  ASSERT_TRUE(plan) << plan.error().message();
  EXPECT_EQ(tinkr::ir::to_json(plan->pushed.filter),
            R"({"and":[{"field":"attributes.http.method","op":"startswith","value":"GE"},)"
            R"({"field":"duration","op":"gt","value":1000000000}]})");
  EXPECT_EQ(tinkr::ir::to_json(plan->residual), kAll)
      << "re-checked against summaries, which have no attributes, it would drop every trace";
  EXPECT_TRUE(
      has_note(*plan,
               "'attributes.http.method' is left to the backend, not re-checked in core: trace summaries "
               "carry no attributes"))
      << "explain says the backend's answer stands for it";
  EXPECT_EQ(plan->pushed.limit, 20) << "nothing left for the core: the user's limit goes as is";
}

TEST(TraceSearchPlan, AnInexactPredicateOnAFieldSummariesCarryIsStillRecheckedInCore) {
  auto plan = tinkr::planner::plan(trace_search("name:GET*"), azure_capabilities());
  ASSERT_TRUE(plan) << plan.error().message();
  EXPECT_EQ(tinkr::ir::to_json(plan->pushed.filter), R"({"field":"name","op":"startswith","value":"GET"})");
  EXPECT_EQ(tinkr::ir::to_json(plan->residual), R"({"field":"name","op":"startswith","value":"GET"})");
  EXPECT_TRUE(plan->notes.empty());
}

TEST(TraceSearchPlan, AnOrMixingSpanAndSummaryFieldsIsLeftWholeToTheBackend) {
  auto plan = tinkr::planner::plan(trace_search("kind:client OR name:GET*"), azure_capabilities());
  ASSERT_TRUE(plan) << plan.error().message();
  EXPECT_EQ(
      tinkr::ir::to_json(plan->pushed.filter),
      R"({"or":[{"field":"kind","op":"eq","value":"client"},{"field":"name","op":"startswith","value":"GET"}]})");
  EXPECT_EQ(tinkr::ir::to_json(plan->residual), kAll)
      << "re-checked in core, its kind half could never hold and would drop the traces it found";
}

struct RefusalCase {
  const char* description;
  Capabilities (*capabilities)();
  const char* query;
  bool pushdown;
  const char* message;
};

class TraceSearchRefusalTest : public ::testing::TestWithParam<RefusalCase> {};

TEST_P(TraceSearchRefusalTest, RefusedBeforeAnythingIsSentNamingTheFieldAndWhy) {
  const RefusalCase& c = GetParam();
  auto plan = tinkr::planner::plan(trace_search(c.query), c.capabilities(), c.pushdown);
  ASSERT_FALSE(plan) << c.description << ": planned as " << tinkr::ir::to_json(plan->pushed.filter) << " / "
                     << tinkr::ir::to_json(plan->residual);
  EXPECT_EQ(plan.error().code(), tinkr::Error::Code::unsupported) << c.description;
  EXPECT_EQ(plan.error().message(), c.message) << c.description;
}

const RefusalCase kRefusals[] = {
    {"a backend that filters nothing", filters_nothing, "kind:server", true,
     "trace search cannot filter on 'kind' in core: trace summaries carry no span kind; backend 'mock' "
     "cannot push it down"},
    {"an inexact operator under a not cannot be pushed", azure_capabilities, "NOT attributes.http.method:GE*",
     true,
     "trace search cannot filter on 'attributes.http.method' in core: trace summaries carry no attributes; "
     "backend 'azure' cannot push it down"},
    {"pushdown turned off", azure_capabilities, "parent_span_id:00f067aa0ba902b7", false,
     "trace search cannot filter on 'parent_span_id' in core: trace summaries carry no parent span id; "
     "pushdown is turned off"},
    {"the field is named even inside an and with a field summaries carry", filters_nothing,
     "NOT (name:checkout AND span_id:b7ad6b7169203331)", true,
     "trace search cannot filter on 'span_id' in core: trace summaries carry no span id; backend 'mock' "
     "cannot push it down"},
    {"a log field", filters_nothing, "level:error", true,
     "trace search cannot filter on 'severity' in core: trace summaries carry no severity; backend 'mock' "
     "cannot push it down"},
};
INSTANTIATE_TEST_SUITE_P(SpanFields, TraceSearchRefusalTest, ::testing::ValuesIn(kRefusals));

TEST(TraceSearchPlan, AFieldIsRefusedExactlyWhenTheResidualEvaluatorFindsItMissingFromASummary) {
  tinkr::TraceSummary summary;  // every member set: what the evaluator cannot find here, no summary has
  summary.trace_id = "4bf92f3577b34da6a3ce929d0e0e4736";
  summary.service = "checkout";
  summary.name = "POST /checkout";
  summary.start_ns = 1500;
  summary.duration_ns = 900;
  summary.status = tinkr::SpanStatus::error;
  summary.status_code = "500";
  summary.span_count = 4;
  summary.error_count = 1;
  std::vector<std::string> fields(std::begin(tinkr::ir::kFields), std::end(tinkr::ir::kFields));
  fields.push_back("attributes.http.method");
  fields.push_back("dimensions.host");
  for (const auto& field : fields) {
    const Filter exists = Filter::make_predicate(field, Op::exists, {});
    tinkr::ir::Query q = trace_search("*");
    q.filter = exists;
    auto plan = tinkr::planner::plan(q, filters_nothing());
    EXPECT_EQ(plan.has_value(), tinkr::planner::matches(exists, summary))
        << field << ": refused by the planner iff the core cannot read it from a trace summary";
  }
}

TEST(TraceSearchPlan, OtherSignalsKeepTheRuleThatAMissingFieldMatchesNothing) {
  // A log record has no span kind either, but the backend filters the same log records the core
  // sees, so both agree that nothing matches: no refusal.
  auto plan = tinkr::planner::plan(query(Signal::logs, "kind:server"), filters_nothing());
  ASSERT_TRUE(plan) << plan.error().message();
  EXPECT_EQ(tinkr::ir::to_json(plan->residual), R"({"field":"kind","op":"eq","value":"server"})");
}

}  // namespace
