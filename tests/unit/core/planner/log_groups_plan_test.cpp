// The log_groups signal: advertised by a describe member of its own, and planned only when the backend
// takes the whole filter (a group stands for many records; the core cannot re-check or re-order one).
#include <tinkr/planner.hpp>

#include <gtest/gtest.h>

#include "azure_capabilities.hpp"
#include "engine/validate.hpp"

namespace {

using tinkr::ir::Filter;
using tinkr::ir::Op;
using tinkr::ir::Signal;

TEST(LogGroupsPlan, TheSignalIsADescribeMemberOfItsOwn) {
  auto caps = tinkr::planner::parse_capabilities(R"({"name":"t","signals":["logs"],"log_groups":true})");
  ASSERT_TRUE(caps) << caps.error().message();
  EXPECT_EQ(caps->signals, (tinkr::planner::SignalSet{Signal::logs, Signal::log_groups}));
  auto bad = tinkr::planner::parse_capabilities(R"({"name":"t","signals":["logs"],"log_groups":1})");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message().find("log_groups"), std::string::npos) << bad.error().message();
  auto absent = tinkr::planner::parse_capabilities(R"({"name":"t","signals":["logs"]})");
  ASSERT_TRUE(absent);
  EXPECT_FALSE(absent->signals.contains(Signal::log_groups));
}

tinkr::ir::Query groups_query(Filter filter) {
  tinkr::ir::Query q;
  q.signal = Signal::log_groups;
  q.service = "payments-api";
  q.time = {1, 2};
  q.limit = 100;
  q.filter = std::move(filter);
  return q;
}

TEST(LogGroupsPlan, AFilterTheBackendTakesWholeIsPlannedAndKeepsItsLimit) {
  auto caps = tinkr::planner::testing::azure_capabilities();
  caps.signals.insert(Signal::log_groups);
  auto plan =
      tinkr::planner::plan(groups_query(Filter::make_predicate("severity", Op::ge, {int64_t{13}})), caps);
  ASSERT_TRUE(plan) << plan.error().message();
  ASSERT_TRUE(tinkr::settle_log_groups_plan(*plan, "azure"));
  EXPECT_TRUE(plan->residual.is_all());
  EXPECT_EQ(plan->pushed.limit, 100);
  EXPECT_FALSE(plan->sort_in_core);
}

TEST(LogGroupsPlan, APartLeftToTheCoreIsRefusedNamingTheBackend) {
  tinkr::planner::Capabilities caps;
  caps.name = "minimal";
  caps.signals = {Signal::logs, Signal::log_groups};
  caps.fields = {"time", "service"};
  caps.order = caps.limit = true;
  auto plan = tinkr::planner::plan(groups_query(Filter::make_text("timeout")), caps);
  ASSERT_TRUE(plan) << plan.error().message();
  ASSERT_FALSE(plan->residual.is_all()) << "a backend without text search leaves the phrase to the core";
  auto settled = tinkr::settle_log_groups_plan(*plan, "minimal");
  ASSERT_FALSE(settled);
  EXPECT_EQ(settled.error().code(), tinkr::Error::Code::unsupported);
  EXPECT_NE(settled.error().message().find("'minimal'"), std::string::npos) << settled.error().message();
}

}  // namespace
