// The incident report's sections on hand-made records: robust statistics, buckets, the shift and when
// it began, the order of patterns and operations (core/src/analysis/incident_sections.hpp).
#include "analysis/incident_sections.hpp"
#include "analysis/robust_stats.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <optional>

namespace tinkr::incident::detail {
namespace {

constexpr int64_t kSecond = 1'000'000'000;
constexpr int64_t kMinute = 60 * kSecond;
constexpr int64_t kFrom = 1'750'000'000 * kSecond;

TEST(RobustStats, MedianMadAndNearestRank) {
  EXPECT_FALSE(analysis::median({}));
  EXPECT_EQ(*analysis::median({3, 1, 2}), 2);
  EXPECT_EQ(*analysis::median({4, 1, 3, 2}), 2.5);
  EXPECT_EQ(*analysis::median_absolute_deviation({1, 2, 3, 4, 100}), 1);  // the outlier moves nothing
  const std::vector<double> sorted = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};
  EXPECT_EQ(analysis::nearest_rank(sorted, 50), 50);
  EXPECT_EQ(analysis::nearest_rank(sorted, 95), 100);
  EXPECT_EQ(analysis::nearest_rank(sorted, 0.1), 10);
}

TEST(BucketSize, AtMostSixtyBucketsOfARoundSize) {
  EXPECT_EQ(bucket_size(60 * kMinute), kMinute);
  EXPECT_EQ(bucket_size(30 * kMinute), 30 * kSecond);
  EXPECT_EQ(bucket_size(5 * kMinute), 10 * kSecond);
  EXPECT_EQ(bucket_size(7 * 24 * 60 * kMinute), 3 * 60 * kMinute);
  EXPECT_EQ(bucket_size(365LL * 24 * 60 * kMinute), 365LL * 24 * 60 * kMinute / 60);
}

// Sixty minutes of ten 20 ms requests a minute; minutes 40 to 49 fail half their requests after 2 s.
std::vector<TraceSummary> an_hour_with_an_incident() {
  std::vector<TraceSummary> out;
  for (int minute = 0; minute < 60; ++minute)
    for (int i = 0; i < 10; ++i) {
      TraceSummary s;
      s.name = "POST /pay";
      s.start_ns = kFrom + minute * kMinute + i * 6 * kSecond;
      const bool bad = minute >= 40 && minute < 50 && i % 2 == 0;
      s.duration_ns = bad ? 2 * kSecond : (20 + i % 3) * 1'000'000;
      if (minute == 39 && i == 9) s.duration_ns = 45'000'000;  // one slowish request: noise
      s.status = bad ? SpanStatus::error : SpanStatus::unset;
      s.status_code = bad ? "503" : "200";
      out.push_back(s);
    }
  return out;
}

const MetricShift& shift(const std::vector<MetricShift>& shifts, const std::string& metric) {
  for (const auto& s : shifts)
    if (s.metric == metric) return s;
  throw std::runtime_error("no " + metric);
}

TEST(MetricShifts, TheWindowIsItsOwnReferenceAndTheShiftBeginsWhereTheIncidentDoes) {
  bool baseline_has_data = true;
  const ir::TimeRange window{kFrom, kFrom + 60 * kMinute}, baseline{kFrom - 60 * kMinute, kFrom};
  const auto shifts = metric_shifts(an_hour_with_an_incident(), window, baseline, kMinute, baseline_has_data);
  EXPECT_FALSE(baseline_has_data);
  const auto& errors = shift(shifts, "error_rate");
  EXPECT_FALSE(errors.reference_is_baseline);
  EXPECT_EQ(errors.reference_median, 0);
  EXPECT_TRUE(errors.shifted);
  EXPECT_NEAR(errors.score, 50, 1e-9);  // 50% over the 1-point floor
  EXPECT_EQ(errors.shift_start_ns, kFrom + 40 * kMinute);
  EXPECT_NEAR(*errors.window_value, 50.0 / 600, 1e-12);
  EXPECT_FALSE(errors.baseline_value);
  ASSERT_EQ(errors.points.size(), 60u);
  EXPECT_EQ(*errors.points[45], 0.5);
  const auto& p95 = shift(shifts, "latency_p95");
  EXPECT_TRUE(p95.shifted);
  EXPECT_EQ(p95.shift_start_ns, kFrom + 40 * kMinute) << "minute 39's 45 ms is noise next to 2 s";
  EXPECT_FALSE(shift(shifts, "request_rate").shifted);
}

TEST(MetricShifts, ABaselineWithRequestsIsTheReference) {
  auto requests = an_hour_with_an_incident();
  for (auto r : an_hour_with_an_incident()) {
    r.start_ns -= 60 * kMinute;  // the hour before, without its incident
    r.status = SpanStatus::unset;
    r.duration_ns = 20'000'000;
    requests.push_back(r);
  }
  bool baseline_has_data = false;
  const auto shifts = metric_shifts(requests, {kFrom, kFrom + 60 * kMinute}, {kFrom - 60 * kMinute, kFrom},
                                    kMinute, baseline_has_data);
  EXPECT_TRUE(baseline_has_data);
  const auto& errors = shift(shifts, "error_rate");
  EXPECT_TRUE(errors.reference_is_baseline);
  EXPECT_EQ(*errors.baseline_value, 0);
  EXPECT_EQ(errors.shift_start_ns, kFrom + 40 * kMinute);
}

TEST(MetricShifts, AQuietNewestBucketIsNoDropInTraffic) {
  auto requests = an_hour_with_an_incident();
  std::erase_if(requests, [](const TraceSummary& r) { return r.start_ns >= kFrom + 59 * kMinute; });
  bool baseline_has_data = false;
  const auto shifts = metric_shifts(requests, {kFrom, kFrom + 60 * kMinute}, {kFrom - 60 * kMinute, kFrom},
                                    kMinute, baseline_has_data);
  EXPECT_FALSE(shift(shifts, "request_rate").shifted) << "the last minute may still be arriving";
  EXPECT_EQ(*shift(shifts, "request_rate").points.back(), 0);
  // An empty minute before the newest is a drop.
  requests = an_hour_with_an_incident();
  std::erase_if(requests, [](const TraceSummary& r) {
    return r.start_ns >= kFrom + 20 * kMinute && r.start_ns < kFrom + 21 * kMinute;
  });
  const auto dropped = metric_shifts(requests, {kFrom, kFrom + 60 * kMinute}, {kFrom - 60 * kMinute, kFrom},
                                     kMinute, baseline_has_data);
  EXPECT_TRUE(shift(dropped, "request_rate").shifted);
  EXPECT_LT(shift(dropped, "request_rate").score, 0);
  EXPECT_EQ(shift(dropped, "request_rate").shift_start_ns, kFrom + 20 * kMinute);
}

TEST(MetricShifts, NoRequestsNoScores) {
  bool baseline_has_data = true;
  const auto shifts =
      metric_shifts({}, {kFrom, kFrom + kMinute}, {kFrom - kMinute, kFrom}, 10 * kSecond, baseline_has_data);
  ASSERT_EQ(shifts.size(), 5u);
  for (const auto& s : shifts) EXPECT_FALSE(s.shifted) << s.metric;
  EXPECT_EQ(*shift(shifts, "request_rate").window_value, 0);
  EXPECT_FALSE(shift(shifts, "latency_p50").window_value);
}

LogRecord log_at(int64_t t, int32_t severity, std::string body, std::string trace = "") {
  LogRecord r;
  r.time_ns = t;
  r.severity_number = severity;
  r.severity_text = severity >= 17 ? "ERROR" : "WARN";
  r.body = std::move(body);
  r.trace_id = std::move(trace);
  return r;
}

TEST(ErrorPatterns, NewFirstThenWorseThenMore) {
  const ir::TimeRange window{kFrom, kFrom + 60 * kMinute};
  std::vector<LogRecord> logs;
  for (int i = 0; i < 5; ++i)
    logs.push_back(log_at(kFrom - kMinute, 13, "retrying call " + std::to_string(i)));
  for (int i = 0; i < 9; ++i)
    logs.push_back(log_at(kFrom + i * kMinute, 13, "retrying call " + std::to_string(i)));
  for (int i = 0; i < 3; ++i)
    logs.push_back(log_at(kFrom + (20 + i) * kMinute, 13, "disk at 9" + std::to_string(i) + "%"));
  for (int i = 0; i < 2; ++i)
    logs.push_back(
        log_at(kFrom + (30 + i) * kMinute, 17, "db timeout after " + std::to_string(2000 + i) + "ms", "t1"));
  logs.push_back(log_at(kFrom - 2 * kMinute, 17, "gone since yesterday"));
  const auto split = groups_of_records(logs, window);
  const auto patterns = error_patterns(split.window, split.baseline, 10);
  ASSERT_EQ(patterns.size(), 3u);
  EXPECT_EQ(patterns[0].pattern, "db timeout after <*>ms");
  EXPECT_TRUE(patterns[0].is_new);
  EXPECT_EQ(patterns[0].count, 2);
  EXPECT_EQ(patterns[0].first_seen_ns, kFrom + 30 * kMinute);
  EXPECT_EQ(patterns[0].last_seen_ns, kFrom + 31 * kMinute);
  EXPECT_EQ(patterns[0].trace_id, "t1");
  EXPECT_EQ(patterns[1].pattern, "disk at <*>%");
  EXPECT_TRUE(patterns[1].is_new);
  EXPECT_EQ(patterns[2].pattern, "retrying call <*>");
  EXPECT_FALSE(patterns[2].is_new);
  EXPECT_EQ(patterns[2].count, 9);
  EXPECT_EQ(patterns[2].baseline_count, 5);
  EXPECT_EQ(error_patterns(split.window, split.baseline, 1).size(), 1u);
}

// What a backend that counts sends (one row per distinct message, most frequent first) mines into the
// same patterns as one row per record: counts, first and last seen, the example and a trace.
TEST(ErrorPatterns, MessagesCountedByTheBackendGiveTheSamePatternsAsRecords) {
  const ir::TimeRange window{kFrom, kFrom + 60 * kMinute};
  std::vector<LogRecord> logs;
  for (int i = 0; i < 40; ++i)
    logs.push_back(log_at(kFrom + i * kMinute, 17, "db timeout after " + std::to_string(2000 + i % 4) + "ms",
                          i == 7 ? "t7" : ""));
  for (int i = 0; i < 6; ++i) logs.push_back(log_at(kFrom - (i + 1) * kMinute, 13, "retrying call 12"));
  for (int i = 0; i < 3; ++i) logs.push_back(log_at(kFrom + i * kMinute, 13, "retrying call 12"));
  const auto split = groups_of_records(logs, window);
  const auto by_record = error_patterns(split.window, split.baseline, 10);

  auto counted = [](const std::vector<sdk::LogGroup>& rows) {
    std::map<std::pair<std::string, int32_t>, sdk::LogGroup> groups;
    for (const auto& r : rows) {
      auto [it, fresh] = groups.try_emplace({r.body, r.severity_number}, r);
      if (fresh) continue;
      it->second.count += r.count;
      it->second.first_ns = std::min(it->second.first_ns, r.first_ns);
      it->second.last_ns = std::max(it->second.last_ns, r.last_ns);
      if (it->second.trace_id.empty()) it->second.trace_id = r.trace_id;
    }
    std::vector<sdk::LogGroup> out;
    for (auto& [key, g] : groups) out.push_back(g);
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.count > b.count; });
    return out;
  };
  const auto window_groups = counted(split.window);
  ASSERT_EQ(window_groups.size(), 5u);  // four timeouts and one retry message
  const auto by_group = error_patterns(window_groups, counted(split.baseline), 10);

  ASSERT_EQ(by_group.size(), by_record.size());
  for (std::size_t i = 0; i < by_group.size(); ++i) {
    EXPECT_EQ(by_group[i].pattern, by_record[i].pattern);
    EXPECT_EQ(by_group[i].count, by_record[i].count);
    EXPECT_EQ(by_group[i].baseline_count, by_record[i].baseline_count);
    EXPECT_EQ(by_group[i].first_seen_ns, by_record[i].first_seen_ns);
    EXPECT_EQ(by_group[i].last_seen_ns, by_record[i].last_seen_ns);
    EXPECT_EQ(by_group[i].example, by_record[i].example);
    EXPECT_EQ(by_group[i].is_new, by_record[i].is_new);
  }
  EXPECT_EQ(by_group[0].pattern, "db timeout after <*>ms");
  EXPECT_EQ(by_group[0].count, 40);
  EXPECT_EQ(by_group[0].trace_id, "t7");
  EXPECT_EQ(by_group[1].baseline_count, 6);
}

Table log_groups_table(std::vector<std::vector<std::optional<std::string>>> rows) {
  Table t;
  t.name = "log_groups";
  for (auto name : sdk::kLogGroupColumnNames) t.columns.push_back({std::string(name), "string"});
  t.rows = std::move(rows);
  return t;
}

TEST(ErrorPatterns, ALogGroupsAnswerIsReadByColumnNameAndAGarbledOneIsRefused) {
  auto read =
      groups_of_tables({log_groups_table({{"db timeout", "17", "Error", "12", "100", "900", "t1"},
                                          {"slow disk", "13", "Warning", "3", "50", "60", std::nullopt}})});
  ASSERT_TRUE(read) << read.error().to_string();
  ASSERT_EQ(read->size(), 2u);
  EXPECT_EQ((*read)[0].body, "db timeout");
  EXPECT_EQ((*read)[0].severity_number, 17);
  EXPECT_EQ((*read)[0].count, 12);
  EXPECT_EQ((*read)[0].first_ns, 100);
  EXPECT_EQ((*read)[0].last_ns, 900);
  EXPECT_EQ((*read)[0].trace_id, "t1");
  EXPECT_EQ((*read)[1].trace_id, "");

  auto not_a_number = groups_of_tables({log_groups_table({{"x", "17", "Error", "12x", "1", "2", ""}})});
  ASSERT_FALSE(not_a_number);
  EXPECT_EQ(not_a_number.error().code(), Error::Code::plugin_abi);
  EXPECT_NE(not_a_number.error().message().find("row 1"), std::string::npos);

  Table missing = log_groups_table({});
  missing.columns.pop_back();
  auto no_trace_column = groups_of_tables({missing});
  ASSERT_FALSE(no_trace_column);
  EXPECT_NE(no_trace_column.error().message().find("trace_id"), std::string::npos);

  EXPECT_FALSE(groups_of_tables({}));
}

TEST(FailingOperations, FailuresThenSlowWithResultCodes) {
  const ir::TimeRange window{kFrom, kFrom + 60 * kMinute};
  auto summary = [](const char* name, int64_t t, bool failed, int64_t ms, const char* code) {
    TraceSummary s;
    s.name = name;
    s.start_ns = t;
    s.status = failed ? SpanStatus::error : SpanStatus::ok;
    s.duration_ns = ms * 1'000'000;
    s.status_code = code;
    return s;
  };
  const std::vector<TraceSummary> failing = {
      summary("GET /a", kFrom + kMinute, false, 1500, "200"),
      summary("GET /a", kFrom + 2 * kMinute, false, 1200, "200"),
      summary("POST /b", kFrom + kMinute, true, 30, "500"),
      summary("POST /b", kFrom + 3 * kMinute, true, 20, "503"),
      summary("POST /b", kFrom + 4 * kMinute, true, 25, "503"),
      summary("POST /b", kFrom - kMinute, true, 25, "503"),
      summary("GET /c", kFrom + kMinute, false, 10, "200"),  // let through by an inexact backend: neither
  };
  std::vector<TraceSummary> all = failing;
  all.push_back(summary("POST /b", kFrom + 5 * kMinute, false, 10, "200"));
  const auto ops = failing_operations(failing, all, window, 1'000'000'000, 10);
  ASSERT_EQ(ops.size(), 2u);
  EXPECT_EQ(ops[0].name, "POST /b");
  EXPECT_EQ(ops[0].failed, 3);
  EXPECT_EQ(ops[0].requests, 4);
  EXPECT_EQ(ops[0].baseline_failed, 1);
  ASSERT_EQ(ops[0].result_codes.size(), 2u);
  EXPECT_EQ(ops[0].result_codes[0], (std::pair<std::string, int64_t>{"503", 2}));
  EXPECT_EQ(ops[1].name, "GET /a");
  EXPECT_EQ(ops[1].slow, 2);
  EXPECT_EQ(ops[1].max_duration_ns, 1'500'000'000);
}

}  // namespace
}  // namespace tinkr::incident::detail
