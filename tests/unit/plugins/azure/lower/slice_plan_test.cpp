// Slice planning past the service's caps (lower/slice_plan.hpp): bins grouped into half-open slices
// that cover the range without gap or overlap, in the query's order, each within the caps, stopping
// once the limit is covered; and the KQL of a slice and of the row count.
#include "lower/slice_plan.hpp"
#include "plan_cases.hpp"

#include <gtest/gtest.h>

namespace tinkr::azure {
namespace {

constexpr int64_t kSecond = 1'000'000'000;
const ir::TimeRange kRange{testing::kNow - 100 * kSecond, testing::kNow};

SliceSettings caps(int64_t row_cap, int64_t byte_budget = int64_t{1} << 40) {
  SliceSettings s;
  s.row_cap = row_cap;
  s.byte_budget = byte_budget;
  return s;
}

// 100 one-second bins of `rows` rows each.
std::vector<TimeBin> even_bins(int64_t rows) {
  std::vector<TimeBin> bins;
  for (int64_t i = 0; i < 100; ++i) bins.push_back({kRange.from_ns + i * kSecond, rows, rows * 100});
  return bins;
}

void expect_contiguous(const std::vector<TimeSlice>& slices, bool descending) {
  for (std::size_t i = 1; i < slices.size(); ++i) {
    if (descending)
      EXPECT_EQ(slices[i].range.to_ns, slices[i - 1].range.from_ns) << "slice " << i;
    else
      EXPECT_EQ(slices[i].range.from_ns, slices[i - 1].range.to_ns) << "slice " << i;
  }
}

TEST(SlicePlan, NewestFirstSlicesCoverTheRangeWithinNineTenthsOfTheRowCap) {
  const auto slices = group_bins(even_bins(10), kRange, kSecond, true, caps(100), 0);
  ASSERT_EQ(slices.size(), 12u) << "90 rows (9 bins) a slice, 1000 rows";
  EXPECT_EQ(slices.front().range.to_ns, kRange.to_ns);
  EXPECT_EQ(slices.back().range.from_ns, kRange.from_ns);
  expect_contiguous(slices, true);
  int64_t rows = 0;
  for (const auto& s : slices) {
    EXPECT_LE(s.rows, 90);
    EXPECT_FALSE(s.oversized);
    rows += s.rows;
  }
  EXPECT_EQ(rows, 1000);
}

TEST(SlicePlan, OldestFirstStopsAtTheBinThatCoversTheLimit) {
  const auto slices = group_bins(even_bins(10), kRange, kSecond, false, caps(100), 250);
  ASSERT_EQ(slices.size(), 3u);
  EXPECT_EQ(slices.front().range.from_ns, kRange.from_ns);
  EXPECT_EQ(slices.back().range.to_ns, kRange.from_ns + 25 * kSecond) << "the 25th bin reaches 250 rows";
  expect_contiguous(slices, false);
}

TEST(SlicePlan, TheByteBudgetCutsSlicesToo) {
  const auto slices = group_bins(even_bins(10), kRange, kSecond, true, caps(100'000, 5000), 0);
  ASSERT_EQ(slices.size(), 20u) << "1000 bytes a bin, 5000 a slice";
  for (const auto& s : slices) EXPECT_LE(s.bytes, 5000);
}

TEST(SlicePlan, ABinOverTheCapIsASliceOfItsOwnMarkedOversized) {
  std::vector<TimeBin> bins = {{kRange.from_ns + 10 * kSecond, 5, 0},
                               {kRange.from_ns + 50 * kSecond, 500, 0},
                               {kRange.from_ns + 90 * kSecond, 5, 0}};
  const auto slices = group_bins(bins, kRange, kSecond, true, caps(100), 0);
  ASSERT_EQ(slices.size(), 3u);
  EXPECT_FALSE(slices[0].oversized);
  EXPECT_TRUE(slices[1].oversized);
  EXPECT_EQ(slices[1].range.from_ns, kRange.from_ns + 50 * kSecond);
  EXPECT_EQ(slices[1].range.to_ns, kRange.from_ns + 51 * kSecond);
  EXPECT_EQ(slices[2].range.from_ns, kRange.from_ns) << "the quiet start is fetched with the last slice";
  expect_contiguous(slices, true);
}

TEST(SlicePlan, NoRowsIsOneSliceOfTheWholeRange) {
  const auto slices = group_bins({}, kRange, kSecond, true, caps(100), 0);
  ASSERT_EQ(slices.size(), 1u);
  EXPECT_EQ(slices[0].range, kRange);
}

TEST(SlicePlan, BinsAreAboutAThousandWholeMilliseconds) {
  EXPECT_EQ(count_bin_width_ns(kRange), 100'000'000) << "100 s / 1000";
  EXPECT_EQ(count_bin_width_ns({0, 5'000'000}), 1'000'000) << "at least a millisecond";
}

TEST(SlicePlan, TheSliceAndCountKqlAreHalfOpen) {
  ir::Query query = testing::page_log_query();
  query.time = kRange;
  query.service = "payments-api";
  const RequestPlan slice = lower_logs_slice(query, kRange, 42, testing::test_context());
  EXPECT_EQ(
      slice.kql,
      "AppTraces | where TimeGenerated >= datetime(2024-05-01T09:58:20Z) and TimeGenerated < "
      "datetime(2024-05-01T10:00:00Z) | where AppRoleName == \"payments-api\" | where SeverityLevel >= 2 "
      "| project TimeGenerated, Message, SeverityLevel, Properties | order by TimeGenerated desc | take 42");
  EXPECT_EQ(
      lower_logs_count_kql(query, 100'000'000),
      "AppTraces | where TimeGenerated >= datetime(2024-05-01T09:58:20Z) and TimeGenerated < "
      "datetime(2024-05-01T10:00:00Z) | where AppRoleName == \"payments-api\" | where SeverityLevel >= 2 "
      "| project TimeGenerated, Message, SeverityLevel, Properties | summarize row_count = count(), "
      "data_bytes = sum(estimate_data_size(*)) by TimeGenerated = bin_at(TimeGenerated, 100ms, "
      "datetime(2024-05-01T09:58:20Z))");
}

}  // namespace
}  // namespace tinkr::azure
