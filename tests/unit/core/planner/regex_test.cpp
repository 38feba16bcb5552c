// Regexes and globs run on RE2 (issue 13, items 1 and 2): linear time, no recursion per character,
// so a 30,000-character message cannot overflow the stack and a backtracking pattern cannot outrun
// the deadline; RE2's syntax is what the query language promises.
#include <tinkr/planner.hpp>
#include <tinkr/query.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace {

tinkr::LogRecord log_with_body(std::string body) {
  tinkr::LogRecord log;
  log.service = "s";
  log.body = std::move(body);
  return log;
}

bool query_matches(std::string_view text, const tinkr::Record& record) {
  auto filter = tinkr::query::parse_filter(text, 0);
  EXPECT_TRUE(filter) << text << ": " << filter.error().message();
  return filter && tinkr::planner::matches(*filter, record);
}

// Application Insights allows 32,768-character messages; std::regex recursed once per character.
TEST(Regex, AnchoredStarOverALongMessageNeitherCrashesNorFails) {
  const std::string a(30'000, 'a');
  EXPECT_TRUE(query_matches("message:/^a*$/", log_with_body(a)));
  EXPECT_FALSE(query_matches("message:/^a*$/", log_with_body(a + "b!")));
}

TEST(Regex, GlobOverALongMessageNeitherCrashesNorFails) {
  const std::string a(30'000, 'a');
  EXPECT_FALSE(query_matches("message:*aaa*b*", log_with_body(a)));
  EXPECT_TRUE(query_matches("message:*aaa*b*", log_with_body(a + "b" + a)));
}

// (a+)+$ backtracks exponentially in a backtracking engine (15 s for 27 characters with std::regex);
// RE2 answers for a far longer text at once. The bound is generous for a sanitized Debug build.
TEST(Regex, NestedQuantifiersRunInLinearTime) {
  const auto started = std::chrono::steady_clock::now();
  EXPECT_FALSE(query_matches("message:/(a+)+$/", log_with_body(std::string(27, 'a') + "!")));
  EXPECT_FALSE(query_matches("message:/(a+)+$/", log_with_body(std::string(30'000, 'a') + "!")));
  EXPECT_TRUE(query_matches("message:/(a+)+$/", log_with_body(std::string(30'000, 'a'))));
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
}

TEST(Regex, Re2SyntaxIsAcceptedAndWhatItLacksIsAClearError) {
  EXPECT_TRUE(query_matches("message:/(?i)TIME(d )?OUT/", log_with_body("Connection timed out")));
  EXPECT_TRUE(query_matches(R"(message:/\d{3} \pL+/)", log_with_body("status 503 Unavailable")));
  for (const char* unsupported : {"message:/(a)\\1/", "message:/time(?=out)/", "message:/(?<!x)y/"}) {
    auto filter = tinkr::query::parse_filter(unsupported, 0);
    ASSERT_FALSE(filter) << unsupported;
    EXPECT_EQ(filter.error().code(), tinkr::Error::Code::invalid_query) << unsupported;
    EXPECT_NE(filter.error().message().find("invalid regex: "), std::string::npos)
        << filter.error().message();
  }
}

TEST(Regex, AGlobMatchesAcrossLinesAsItsStarPromises) {
  EXPECT_TRUE(query_matches("message:*disk*full", log_with_body("disk\nis full")));
}

}  // namespace
