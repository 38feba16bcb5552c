// A metrics query's buckets: names trimmed, the start aligned to the interval so that two runs agree,
// an interval chosen when none is given, and a long window's interval made coarser (and said).
#include <tinkr/planner.hpp>

#include <gtest/gtest.h>

#include "azure_capabilities.hpp"

namespace {

using tinkr::ir::Signal;
using tinkr::planner::testing::azure_capabilities;

constexpr int64_t kMinute = 60'000'000'000;
constexpr int64_t kDay = 1440 * kMinute;
// 2026-12-04 12:18:26.123 UTC: a "now" that is on no bucket boundary.
constexpr int64_t kNow = 1'796'386'706'123'000'000;

tinkr::ir::Query metrics_over(int64_t range_ns, int64_t interval_ns) {
  tinkr::ir::Query query;
  query.signal = Signal::metrics;
  query.service = "payments-api";
  query.time = {kNow - range_ns, kNow};
  query.metrics.names = {"requests", " failures"};
  query.metrics.interval_ns = interval_ns;
  return query;
}

TEST(MetricBuckets, TheStartIsAlignedToTheIntervalSoThatTwoRunsAgree) {
  auto first = tinkr::planner::plan(metrics_over(60 * kMinute, 5 * kMinute), azure_capabilities());
  auto later =
      tinkr::planner::plan(metrics_over(60 * kMinute + 7'000'000'000, 5 * kMinute), azure_capabilities());
  ASSERT_TRUE(first && later);
  EXPECT_EQ(first->pushed.time.from_ns % (5 * kMinute), 0) << "12:15, 12:20, ... not 11:18:26.123";
  EXPECT_EQ(first->pushed.time.from_ns, kNow - 60 * kMinute - (kNow % (5 * kMinute)));
  EXPECT_EQ(first->pushed.time.to_ns, kNow) << "the latest data stays in";
  EXPECT_EQ(later->pushed.time.from_ns % (5 * kMinute), 0);
  EXPECT_TRUE(first->notices.empty());
}

TEST(MetricBuckets, NamesAreTrimmedNotDropped) {
  auto planned = tinkr::planner::plan(metrics_over(60 * kMinute, kMinute), azure_capabilities());
  ASSERT_TRUE(planned);
  EXPECT_EQ(planned->pushed.metrics.names, (std::vector<std::string>{"requests", "failures"}));
  auto empty = metrics_over(60 * kMinute, kMinute);
  empty.metrics.names = {"requests", " "};
  auto refused = tinkr::planner::plan(empty, azure_capabilities());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), tinkr::Error::Code::invalid_query);
}

TEST(MetricBuckets, AnIntervalIsChosenWhenNoneIsGiven) {
  auto planned = tinkr::planner::plan(metrics_over(60 * kMinute, 0), azure_capabilities());
  ASSERT_TRUE(planned);
  EXPECT_EQ(planned->pushed.metrics.interval_ns, kMinute) << "an hour at one-minute points";
  EXPECT_EQ(planned->pushed.time.from_ns % kMinute, 0);
}

// 30 days at one minute would be 43,200 points per series: an hour instead, and the results say so.
TEST(MetricBuckets, ALongWindowGetsACoarserIntervalAndANotice) {
  auto planned = tinkr::planner::plan(metrics_over(30 * kDay, kMinute), azure_capabilities());
  ASSERT_TRUE(planned);
  EXPECT_EQ(planned->pushed.metrics.interval_ns, 30 * kMinute);
  ASSERT_EQ(planned->notices.size(), 1u);
  EXPECT_EQ(planned->notices[0],
            "interval 1m over this window gives 43200 points per series; using 30m (at most 1440)");
}

}  // namespace

namespace {

// Percentiles (issue 12 item 12): refused before anything is sent by a backend that does not declare
// metric_percentiles, naming the alternatives; passed on to one that does.
TEST(MetricPercentiles, ABackendWithoutThemRefusesNamingTheAlternatives) {
  auto query = metrics_over(60 * kMinute, 5 * kMinute);
  query.metrics.aggregations = {tinkr::ir::Aggregation::avg, *tinkr::ir::aggregation_from_string("p95")};
  auto caps = azure_capabilities();
  caps.name = "prom";
  caps.metric_percentiles = false;
  auto refused = tinkr::planner::plan(query, caps);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), tinkr::Error::Code::unsupported);
  EXPECT_EQ(refused.error().message(),
            "backend 'prom' cannot compute percentiles (p95); ask for avg, min or max instead, or use a "
            "backend that does");
  caps.metric_percentiles = true;
  auto planned = tinkr::planner::plan(query, caps);
  ASSERT_TRUE(planned) << planned.error().message();
  EXPECT_EQ(planned->pushed.metrics.aggregations, query.metrics.aggregations);
}

TEST(MetricPercentiles, DescribeDeclaresThemAndAbsentMeansNo) {
  auto with = tinkr::planner::parse_capabilities(R"({"signals":["metrics"],"metric_percentiles":true})");
  ASSERT_TRUE(with) << with.error().message();
  EXPECT_TRUE(with->metric_percentiles);
  auto without = tinkr::planner::parse_capabilities(R"({"signals":["metrics"]})");
  ASSERT_TRUE(without);
  EXPECT_FALSE(without->metric_percentiles);
  auto wrong = tinkr::planner::parse_capabilities(R"({"signals":["metrics"],"metric_percentiles":"yes"})");
  ASSERT_FALSE(wrong);
  EXPECT_NE(wrong.error().message().find("metric_percentiles"), std::string::npos);
}

}  // namespace
