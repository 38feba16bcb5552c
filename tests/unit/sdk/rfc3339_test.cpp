// The one RFC 3339 parser and formatter (tinkr/sdk/rfc3339.hpp) shared by the query language, the
// hosts' record printing and the Azure plugin. The copies it replaced disagreed: the Azure cell reader
// took 2026-02-31 (no check of the month's days) and a time without a zone (read as UTC), and
// read a leap second as the next minute where the query language took it as the last nanosecond of :59.
#include <tinkr/sdk/rfc3339.hpp>

#include <gtest/gtest.h>

#include <limits>

namespace tinkr::sdk::rfc3339 {
namespace {

constexpr int64_t kSecond = 1'000'000'000;
constexpr int64_t k20261125T10 = 1'795'600'800;  // 2026-11-25T10:00:00Z in Unix seconds

TEST(Rfc3339, ParsesZonesFractionsAndSeparators) {
  EXPECT_EQ(parse("2026-11-25T10:00:00Z").unix_ns, k20261125T10 * kSecond);
  EXPECT_EQ(parse("2026-11-25t10:00:00z").unix_ns, k20261125T10 * kSecond);
  EXPECT_EQ(parse("2026-11-25 10:00:00Z").unix_ns, k20261125T10 * kSecond);
  EXPECT_EQ(parse("2026-11-25T11:30:00+01:30").unix_ns, k20261125T10 * kSecond);
  EXPECT_EQ(parse("2026-11-25T09:00:00-01:00").unix_ns, k20261125T10 * kSecond);
  EXPECT_EQ(parse("2026-11-25T10:00:00.5Z").unix_ns, k20261125T10 * kSecond + 500'000'000);
  EXPECT_EQ(parse("2026-11-25T10:00:00.1234567Z").unix_ns, k20261125T10 * kSecond + 123'456'700);
  EXPECT_EQ(parse("2026-11-25T10:00:00.1234567891Z").unix_ns, k20261125T10 * kSecond + 123'456'789)
      << "digits past nanoseconds add nothing";
  EXPECT_EQ(parse("2026-11-25").unix_ns, (k20261125T10 - 10 * 3600) * kSecond);
  EXPECT_EQ(parse("1969-12-31T23:59:59Z").unix_ns, -kSecond);
}

TEST(Rfc3339, ALeapSecondIsTheLastNanosecondOfTheMinute) {
  EXPECT_EQ(parse("2016-12-31T23:59:60Z").unix_ns, parse("2017-01-01T00:00:00Z").unix_ns - 1);
}

TEST(Rfc3339, EachProblemIsNamed) {
  EXPECT_EQ(parse("").problem, Problem::shape);
  EXPECT_EQ(parse("yesterday").problem, Problem::shape);
  EXPECT_EQ(parse("2026-13-01").problem, Problem::month);
  EXPECT_EQ(parse("2026-02-29").problem, Problem::day) << "2026 is no leap year";
  EXPECT_TRUE(parse("2028-02-29"));
  EXPECT_EQ(parse("2026-04-31T00:00:00Z").problem, Problem::day);
  EXPECT_EQ(parse("2026-11-25T24:00:00Z").problem, Problem::clock);
  EXPECT_EQ(parse("2026-11-25T10:00:00.Z").problem, Problem::fraction);
  EXPECT_EQ(parse("2026-11-25T10:00:00").problem, Problem::zone) << "no zone is no time";
  EXPECT_EQ(parse("2026-11-25T10:00:00+1:00").problem, Problem::zone);
  EXPECT_EQ(parse("2026-11-25T10:00:00Zjunk").problem, Problem::trailing);
  EXPECT_EQ(parse("9999-12-31T00:00:00Z").problem, Problem::range);
  EXPECT_EQ(parse("2026-11-25", /*date_only=*/false).problem, Problem::shape);
  EXPECT_EQ(describe(Problem::day), "no such day in that month");
}

TEST(Rfc3339, FormatsEachPrecision) {
  const int64_t ns = k20261125T10 * kSecond + 123'456'789;
  EXPECT_EQ(format(ns, Digits::none), "2026-11-25T10:00:00Z");
  EXPECT_EQ(format(ns, Digits::milliseconds), "2026-11-25T10:00:00.123Z");
  EXPECT_EQ(format(ns, Digits::ticks), "2026-11-25T10:00:00.1234567Z");
  EXPECT_EQ(format(ns, Digits::nanoseconds), "2026-11-25T10:00:00.123456789Z");
  EXPECT_EQ(format(k20261125T10 * kSecond, Digits::ticks), "2026-11-25T10:00:00Z") << "no zero fraction";
  EXPECT_EQ(format(k20261125T10 * kSecond, Digits::milliseconds), "2026-11-25T10:00:00.000Z");
  EXPECT_EQ(format(-1, Digits::nanoseconds), "1969-12-31T23:59:59.999999999Z");
  // A different digit in every place, so that each digit is seen to land where it belongs.
  const int64_t every_place = parse("2019-08-27T13:45:36.987654321Z").unix_ns;
  EXPECT_EQ(format(every_place, Digits::nanoseconds), "2019-08-27T13:45:36.987654321Z");
  EXPECT_EQ(format(every_place, Digits::ticks), "2019-08-27T13:45:36.9876543Z");
  EXPECT_EQ(format(every_place, Digits::milliseconds), "2019-08-27T13:45:36.987Z");
  EXPECT_EQ(format(every_place, Digits::none), "2019-08-27T13:45:36Z");
}

TEST(Rfc3339, EveryFormattedTimeParsesBackToItself) {
  for (int64_t ns : {int64_t{0}, int64_t{-1}, k20261125T10 * kSecond + 1, int64_t{951'782'400} * kSecond,
                     int64_t{4'102'444'799} * kSecond + 999'999'999})
    EXPECT_EQ(parse(format(ns, Digits::nanoseconds)).unix_ns, ns) << ns;
}

// The date and clock are worked out in unsigned 32 bits: the two ends of what an int64 of nanoseconds
// holds, and a walk over every year between them (a step of 37 days and 3,661.000000001 s reaches
// every month, day of the month, hour, minute and second), come out right.
TEST(Rfc3339, TimesFromEndToEndOfTheInt64Range) {
  EXPECT_EQ(format(std::numeric_limits<int64_t>::min(), Digits::nanoseconds),
            "1677-09-21T00:12:43.145224192Z");
  EXPECT_EQ(format(std::numeric_limits<int64_t>::max(), Digits::nanoseconds),
            "2262-04-11T23:47:16.854775807Z");
  constexpr int64_t kStep = (37 * 86400 + 3661) * kSecond + 1;
  const int64_t first = parse("1678-01-01T00:00:00Z").unix_ns, last = parse("2262-01-01T00:00:00Z").unix_ns;
  int checked = 0;
  for (int64_t ns = first; ns < last; ns += kStep, ++checked) {
    const std::string text = format(ns, Digits::nanoseconds);
    ASSERT_EQ(parse(text).unix_ns, ns) << text;
  }
  EXPECT_GT(checked, 5'000);
}

}  // namespace
}  // namespace tinkr::sdk::rfc3339
