// `tinkr logs --histogram` (docs/cli.md "Charts"): round buckets from the window, counts by severity,
// golden text off a terminal, colour only on one, a cut count said, and JSON with the numbers only.
#include "output/log_histogram.hpp"
#include "golden.hpp"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <sstream>

namespace tinkr::cli {
namespace {

constexpr int64_t kSecond = 1'000'000'000;
constexpr int64_t kMinute = 60 * kSecond;
constexpr int64_t kT0 = 1'795'600'000'000'000'000;  // 2026-11-25T09:46:40Z

LogRecord log_at(int64_t time_ns, int32_t severity, int64_t item_count = 1) {
  LogRecord r;
  r.time_ns = time_ns;
  r.severity_number = severity;
  r.item_count = item_count;
  return r;
}

// Ten minutes from 09:46:40 in 30 s buckets: info all along, a burst of errors and warnings at 09:50.
LogHistogram burst() {
  LogHistogram h("payments-api\x1b]0;x\x07", kT0, kT0 + 10 * kMinute, LogHistogram::bucket_for(10 * kMinute));
  for (int64_t t = kT0; t < kT0 + 10 * kMinute; t += 10 * kSecond) h.add(log_at(t, 9));
  for (int i = 0; i < 12; ++i) h.add(log_at(kT0 + 4 * kMinute + i * kSecond, 17));
  h.add(log_at(kT0 + 4 * kMinute, 13, 5));  // sampled: one record standing for five
  h.add(log_at(kT0 + 11 * kMinute, 21));    // after the window: not counted
  return h;
}

TEST(LogHistogram, BucketsAreRoundAndAtMostThirty) {
  EXPECT_EQ(LogHistogram::bucket_for(60 * kMinute), 2 * kMinute);
  EXPECT_EQ(LogHistogram::bucket_for(15 * kMinute), 30 * kSecond);
  EXPECT_EQ(LogHistogram::bucket_for(24 * 60 * kMinute), 60 * kMinute);
  EXPECT_EQ(LogHistogram::bucket_for(5 * kSecond), kSecond);
}

TEST(LogHistogram, CountsEveryRecordOfTheWindowBySeverityInAlignedBuckets) {
  const auto h = burst();
  EXPECT_EQ(h.bucket_ns(), 30 * kSecond);
  // 09:46:40 is not a whole half minute: the first bucket starts at 09:46:30, and 21 cover the window.
  EXPECT_EQ(h.bucket_start(0), kT0 - 10 * kSecond);
  EXPECT_EQ(h.buckets(), 21u);
  EXPECT_EQ(h.records(), 60 + 12 + 1);
  int64_t info = 0;
  for (std::size_t b = 0; b < h.buckets(); ++b) info += h.count(b, SeverityClass::info);
  EXPECT_EQ(info, 60);
  const std::size_t burst_bucket = 8;  // 09:50:30 .. 09:51:00 holds 09:50:40 .. 09:50:51
  EXPECT_EQ(h.count(burst_bucket, SeverityClass::error), 12);
  EXPECT_EQ(h.count(burst_bucket, SeverityClass::warn), 5);
  EXPECT_EQ(h.total(burst_bucket), 12 + 5 + 3);
  EXPECT_EQ(h.present(),
            (std::vector<SeverityClass>{SeverityClass::error, SeverityClass::warn, SeverityClass::info}));
  EXPECT_TRUE(h.complete());
}

TEST(LogHistogram, MatchesTheGoldenTextOffATerminal) {
  std::ostringstream out;
  print_histogram(burst(), out, Style{});
  const std::string text = out.str();
  testing::expect_golden("log_histogram.txt", text);
  EXPECT_NE(text.find("2026-11-25T09:50:30.000Z     12     5     3     20  "), std::string::npos) << text;
  EXPECT_EQ(text.find('\x1b'), std::string::npos) << "the service name's escape stays escaped, no colour";
  EXPECT_NE(text.find("payments-api\\x1b]0;x\\x07"), std::string::npos);
}

TEST(LogHistogram, ColourOnlyWhenAsked) {
  std::ostringstream out;
  print_histogram(burst(), out, Style{true, true, 100});
  EXPECT_NE(out.str().find("\x1b[31m█"), std::string::npos) << out.str();
  EXPECT_EQ(out.str().find("\x1b]0;"), std::string::npos);
}

TEST(LogHistogram, ACutCountIsSaidInTheOutput) {
  auto h = burst();
  h.mark_cut();
  std::ostringstream out;
  print_histogram(h, out, Style{});
  EXPECT_NE(
      out.str().find("note: the limit cut the count: only the newest 73 records were read, so the buckets "
                     "before 2026-11-25T09:46:40.000Z are short (raise --limit)"),
      std::string::npos)
      << out.str();
  rapidjson::Document json;
  json.Parse(histogram_to_json(h).c_str());
  EXPECT_FALSE(json["complete"].GetBool());
  EXPECT_STREQ(json["complete_from"].GetString(), "2026-11-25T09:46:40.000Z");
}

TEST(LogHistogram, JsonCarriesTheNumbersNotTheDrawing) {
  const std::string text = histogram_to_json(burst());
  EXPECT_EQ(text.find("█"), std::string::npos);
  rapidjson::Document json;
  json.Parse(text.c_str());
  ASSERT_FALSE(json.HasParseError()) << text;
  EXPECT_EQ(json["bucket_ns"].GetInt64(), 30 * kSecond);
  EXPECT_EQ(json["records"].GetInt64(), 73);
  EXPECT_TRUE(json["complete"].GetBool());
  EXPECT_TRUE(json["complete_from"].IsNull());
  ASSERT_EQ(json["buckets"].Size(), 21u);
  const auto& burst_bucket = json["buckets"][8];
  EXPECT_STREQ(burst_bucket["time"].GetString(), "2026-11-25T09:50:30.000Z");
  EXPECT_EQ(burst_bucket["total"].GetInt64(), 20);
  EXPECT_EQ(burst_bucket["counts"]["error"].GetInt64(), 12);
  EXPECT_EQ(burst_bucket["counts"]["warn"].GetInt64(), 5);
  EXPECT_EQ(json["severities"].Size(), 3u);
}

TEST(LogHistogram, AnEmptyWindowSaysSo) {
  LogHistogram h("api", kT0, kT0 + kMinute, LogHistogram::bucket_for(kMinute));
  std::ostringstream out;
  print_histogram(h, out, Style{});
  EXPECT_NE(out.str().find("no log records in the window"), std::string::npos);
}

}  // namespace
}  // namespace tinkr::cli
