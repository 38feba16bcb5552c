// Durations, points in time and the time ranges the hosts build from their flags.
#include <tinkr/query.hpp>

#include <gtest/gtest.h>

namespace {

using tinkr::query::parse_duration;
using tinkr::query::parse_time;
using tinkr::query::parse_time_range;

constexpr int64_t kSecond = 1'000'000'000;
constexpr int64_t kNow = 1795600800000000000;  // 2026-11-25T10:00:00Z

TEST(Duration, EveryUnitOfTheDocsIsUnderstood) {
  EXPECT_EQ(*parse_duration("250ms"), 250'000'000);
  EXPECT_EQ(*parse_duration("1.5s"), 1'500'000'000);
  EXPECT_EQ(*parse_duration("15m"), 15 * 60 * kSecond);
  EXPECT_EQ(*parse_duration("1h"), 3600 * kSecond);
  EXPECT_EQ(*parse_duration("2d"), 2 * 86400 * kSecond);
  EXPECT_EQ(*parse_duration("1w"), 7 * 86400 * kSecond);
  EXPECT_EQ(*parse_duration("10us"), 10'000);
  EXPECT_EQ(*parse_duration("7ns"), 7);
  EXPECT_EQ(*parse_duration("1h30m"), 5400 * kSecond) << "sequences add up";
  EXPECT_EQ(*parse_duration("1.1s"), 1'100'000'000) << "fractions are exact, not rounded through binary";
  EXPECT_EQ(*parse_duration(".5s"), 500'000'000);
}

TEST(Duration, MalformedDurationsAreRefusedWithTheReason) {
  for (const char* text : {"", "5", "ms", "1x", "-1s", "1.s5", "1s2", "99999999999999999999s", "200000w"}) {
    auto duration = parse_duration(text);
    ASSERT_FALSE(duration) << "'" << text << "' is not a duration";
    EXPECT_EQ(duration.error().code(), tinkr::Error::Code::invalid_query);
    EXPECT_TRUE(duration.error().message().starts_with("invalid duration '" + std::string(text) + "': "))
        << duration.error().message();
  }
}

TEST(Time, Rfc3339WithZoneOffsetsAndFractions) {
  EXPECT_EQ(*parse_time("2026-11-25T10:00:00Z", 0), kNow);
  EXPECT_EQ(*parse_time("2026-11-25t10:00:00z", 0), kNow) << "lowercase t and z are allowed by RFC 3339";
  EXPECT_EQ(*parse_time("2026-11-25 10:00:00Z", 0), kNow);
  EXPECT_EQ(*parse_time("2026-11-25T11:30:00+01:30", 0), kNow);
  EXPECT_EQ(*parse_time("2026-11-25T05:00:00-05:00", 0), kNow);
  EXPECT_EQ(*parse_time("2026-11-25T10:00:00.123456789Z", 0), kNow + 123456789);
  EXPECT_EQ(*parse_time("2026-11-25T10:00:00.5Z", 0), kNow + kSecond / 2);
  EXPECT_EQ(*parse_time("2026-11-25", 0), kNow - 10 * 3600 * kSecond) << "a date alone is midnight UTC";
  EXPECT_EQ(*parse_time("2024-02-29T23:59:59Z", 0), 1709251199 * kSecond) << "leap day";
  EXPECT_EQ(*parse_time("1969-12-31T00:00:00Z", 0), -86400 * kSecond) << "before the epoch";
  EXPECT_EQ(*parse_time("2016-12-31T23:59:60Z", 0), *parse_time("2017-01-01T00:00:00Z", 0) - 1)
      << "a leap second is the last nanosecond of :59";
}

TEST(Time, RelativeTimesCountFromTheGivenNow) {
  EXPECT_EQ(*parse_time("now", kNow), kNow);
  EXPECT_EQ(*parse_time("now-1h", kNow), kNow - 3600 * kSecond);
  EXPECT_EQ(*parse_time("now+15m", kNow), kNow + 900 * kSecond);
}

TEST(Time, MalformedTimesAreRefusedWithTheReason) {
  for (const char* text : {"", "yesterday", "2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z",
                           "2026-11-25T10:00:00", "2026-11-25T25:00:00Z", "2026-11-25T10:00:00+1:00",
                           "2026-11-25T10:00:00Zjunk", "now-", "now*2", "now-1x", "9999-01-01T00:00:00Z"}) {
    auto time = parse_time(text, kNow);
    ASSERT_FALSE(time) << "'" << text << "' is not a time";
    EXPECT_TRUE(time.error().message().starts_with("invalid time '" + std::string(text) + "': "))
        << time.error().message();
  }
}

TEST(TimeRange, SinceFromAndToMakeHalfOpenRanges) {
  auto last_hour = parse_time_range("", "", "", kNow);
  ASSERT_TRUE(last_hour);
  EXPECT_EQ(last_hour->from_ns, kNow - 3600 * kSecond) << "nothing given is the last hour";
  EXPECT_EQ(last_hour->to_ns, kNow);
  auto since = parse_time_range("15m", "", "", kNow);
  ASSERT_TRUE(since);
  EXPECT_EQ(since->from_ns, kNow - 900 * kSecond);
  EXPECT_EQ(since->to_ns, kNow);
  auto from = parse_time_range("", "2026-11-25T09:00:00Z", "", kNow);
  ASSERT_TRUE(from);
  EXPECT_EQ(from->from_ns, kNow - 3600 * kSecond);
  EXPECT_EQ(from->to_ns, kNow) << "to defaults to now";
  auto both = parse_time_range("", "now-2h", "now-1h", kNow);
  ASSERT_TRUE(both);
  EXPECT_EQ(both->from_ns, kNow - 7200 * kSecond);
  EXPECT_EQ(both->to_ns, kNow - 3600 * kSecond);
  auto to_only = parse_time_range("", "", "now-1h", kNow);
  ASSERT_TRUE(to_only);
  EXPECT_EQ(to_only->from_ns, kNow - 7200 * kSecond) << "to alone is the hour before it";
}

TEST(TimeRange, ContradictionsAreErrors) {
  auto both = parse_time_range("1h", "now-2h", "", kNow);
  ASSERT_FALSE(both);
  EXPECT_NE(both.error().message().find("not both"), std::string::npos) << both.error().message();
  auto backwards = parse_time_range("", "now", "now-1h", kNow);
  ASSERT_FALSE(backwards);
  EXPECT_EQ(backwards.error().message(), "time range: from (now) is not before to (now-1h)");
  auto bad_since = parse_time_range("soon", "", "", kNow);
  ASSERT_FALSE(bad_since);
  EXPECT_TRUE(bad_since.error().message().starts_with("time range: since: invalid duration 'soon'"))
      << bad_since.error().message();
}

}  // namespace
