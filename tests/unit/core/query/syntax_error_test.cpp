// Syntax errors: the whole message, with the input echoed and a caret under the column.
#include <tinkr/query.hpp>

#include <gtest/gtest.h>

#include <string>

namespace {

struct ErrorCase {
  const char* query;
  const char* message;
};

class SyntaxErrorTest : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(SyntaxErrorTest, MessageNamesWhatWasExpectedWithACaret) {
  const ErrorCase& c = GetParam();
  auto filter = tinkr::query::parse_filter(c.query, 0);
  ASSERT_FALSE(filter) << "query " << c.query << " should not parse";
  EXPECT_EQ(filter.error().code(), tinkr::Error::Code::invalid_query);
  EXPECT_EQ(filter.error().message(), c.message) << "query: " << c.query;
}

const ErrorCase kErrors[] = {
    {"level:", "invalid query: expected a value after 'level:' at column 7\n  level:\n        ^"},
    {"level: ERROR", "invalid query: expected a value after 'level:' at column 7\n  level: ERROR\n        ^"},
    {"level:ERROR AND",
     "invalid query: expected a term after 'AND' at column 16\n  level:ERROR AND\n                 ^"},
    {"(level:ERROR",
     "invalid query: expected ')' to close the '(' at column 1 at column 13\n  (level:ERROR\n              "
     "^"},
    {"level:ERROR)",
     "invalid query: unexpected ')' with no matching '(' at column 12\n  level:ERROR)\n             ^"},
    {"\"unterminated",
     "invalid query: unterminated quoted phrase: expected a closing \" at column 1\n  \"unterminated\n  ^"},
    {"level:LOUD",
     "invalid query: expected a severity (trace, debug, info, warn, error, fatal, their aliases, or 1 to "
     "24), found "
     "'LOUD' at column 7\n  level:LOUD\n        ^"},
    {"duration>fast",
     "invalid query: expected a duration such as 250ms, 1.5s, 15m, 1h, found 'fast' at column 10\n  "
     "duration>fast\n"
     "           ^"},
    {"OR a", "invalid query: expected a search term before 'OR' at column 1\n  OR a\n  ^"},
    {"a OR", "invalid query: expected a term after 'OR' (column 3) at column 5\n  a OR\n      ^"},
    {"NOT", "invalid query: expected a term after 'NOT' at column 4\n  NOT\n     ^"},
    {"()", "invalid query: expected a term inside '(' ')' at column 2\n  ()\n   ^"},
    {":value", "invalid query: expected a field name before ':' at column 1\n  :value\n  ^"},
    {"status:maybe",
     "invalid query: expected a span status (unset, ok, error), found 'maybe' at column 8\n"
     "  status:maybe\n         ^"},
    {"duration:1.5s*",
     "invalid query: expected a duration value; wildcards work on text fields only at column 14\n  "
     "duration:1.5s*\n"
     "               ^"},
    {"level:(ERROR OR)",
     "invalid query: expected a value after 'OR' (column 14) at column 16\n  level:(ERROR OR)\n"
     "                 ^"},
    {"level:(ERROR",
     "invalid query: expected ')' to close the '(' at column 7 at column 13\n  level:(ERROR\n"
     "              ^"},
    {"message:/unclosed",
     "invalid query: unterminated regex: expected a closing / at column 9\n  message:/unclosed\n"
     "          ^"},
    {"severity>=/warn/",
     "invalid query: a regex needs ':' (field:/pattern/) at column 11\n  severity>=/warn/\n"
     "            ^"},
    {"\"\"", "invalid query: expected a phrase between the quotes at column 1\n  \"\"\n  ^"},
    {"_exists_=x",
     "invalid query: _exists_ takes ':' and a field name (_exists_:trace_id) at column 1\n  _exists_=x\n"
     "  ^"},
    // Columns count characters, not bytes: é is two bytes but one column.
    {"\"caf\xC3\xA9\" level:",
     "invalid query: expected a value after 'level:' at column 14\n  \"caf\xC3\xA9\" level:\n"
     "               ^"},
    // Tabs are echoed as spaces so the caret stays under its column.
    {"a\tlevel:", "invalid query: expected a value after 'level:' at column 9\n  a level:\n          ^"},
};
INSTANTIATE_TEST_SUITE_P(Messages, SyntaxErrorTest, ::testing::ValuesIn(kErrors));

TEST(SyntaxError, UnknownFieldIsNamedAndAttributesAreSuggested) {
  auto filter = tinkr::query::parse_filter("level:ERROR host:web1");
  ASSERT_FALSE(filter);
  const auto& message = filter.error().message();
  EXPECT_NE(message.find("unknown field 'host'"), std::string::npos) << message;
  EXPECT_NE(message.find("attributes.<key>"), std::string::npos) << message;
  EXPECT_NE(message.find("at column 13"), std::string::npos) << message;
}

TEST(SyntaxError, ExistsOfAnUnknownFieldPointsAtTheField) {
  auto filter = tinkr::query::parse_filter("_exists_:nope");
  ASSERT_FALSE(filter);
  EXPECT_NE(filter.error().message().find("unknown field 'nope':"), std::string::npos)
      << filter.error().message();
  EXPECT_NE(filter.error().message().find("at column 10"), std::string::npos) << filter.error().message();
}

TEST(SyntaxError, InvalidRegexIsReportedWithTheRegexLibrarysReason) {
  auto filter = tinkr::query::parse_filter("message:/(unclosed/");
  ASSERT_FALSE(filter);
  EXPECT_TRUE(filter.error().message().starts_with("invalid query: invalid regex: "))
      << filter.error().message();
  EXPECT_NE(filter.error().message().find("at column 9"), std::string::npos) << filter.error().message();
}

TEST(SyntaxError, InvalidTimeNamesTheValue) {
  auto filter = tinkr::query::parse_filter("time>yesterday", 0);
  ASSERT_FALSE(filter);
  EXPECT_NE(filter.error().message().find("found 'yesterday' at column 6"), std::string::npos)
      << filter.error().message();
}

TEST(SyntaxError, DeepNestingIsRefusedNotAStackOverflow) {
  const std::string deep = std::string(100, '(') + "a" + std::string(100, ')');
  auto filter = tinkr::query::parse_filter(deep);
  ASSERT_FALSE(filter);
  EXPECT_NE(filter.error().message().find("nested deeper than 64 levels"), std::string::npos);
  std::string nots;
  for (int i = 0; i < 10000; ++i) nots += "NOT ";
  auto many_nots = tinkr::query::parse_filter(nots + "a");
  ASSERT_FALSE(many_nots) << "ten thousand NOTs are refused";
  EXPECT_NE(many_nots.error().message().find("too many NOTs"), std::string::npos);
}

}  // namespace
