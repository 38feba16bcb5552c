// The IR's JSON writing (ir::to_json, on rapidjson::Writer) byte for byte: integers at every
// digit-count boundary and at the int64 limits (against std::to_chars), doubles in to_chars' shortest
// form, escaped strings (and their reading back wherever the escaped character falls), long strings,
// and members left out exactly when they equal their defaults. ir_json_test.cpp has the round trips.
#include <tinkr/ir.hpp>

#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace {

using tinkr::ir::Filter;
using tinkr::ir::MetricsSpec;
using tinkr::ir::Op;
using tinkr::ir::Order;
using tinkr::ir::Query;

std::string reference_decimal(int64_t value) {
  char buffer[24];
  auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
  return std::string(buffer, end);
}

TEST(ToJson, IntegersMatchToCharsAtEveryLengthAndLimit) {
  std::vector<int64_t> values = {0, std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max(),
                                 std::numeric_limits<int64_t>::min() + 1};
  for (int64_t power = 1; power <= std::numeric_limits<int64_t>::max() / 10; power *= 10) {
    for (int64_t v : {power - 1, power, power + 1, power * 10 - 1}) {
      values.push_back(v);
      values.push_back(-v);
    }
  }
  std::mt19937_64 random(20261125);
  for (int i = 0; i < 20000; ++i) values.push_back(static_cast<int64_t>(random()) >> (random() % 64));
  for (int64_t v : values) {
    EXPECT_EQ(tinkr::ir::to_json(Filter::make_predicate("severity", Op::eq, {v})),
              R"({"field":"severity","op":"eq","value":)" + reference_decimal(v) + "}")
        << "value " << v;
  }
}

TEST(ToJson, NumbersInAnObjectAreSeparatedByCommas) {
  Query q;
  q.time = {1795597200000000000, -7};
  q.filter = Filter::make_predicate("severity", Op::in, {int64_t{17}, int64_t{21}, true});
  EXPECT_EQ(tinkr::ir::to_json(q), R"({"ir":1,"signal":"logs","time":{"from":1795597200000000000,"to":-7},)"
                                   R"("filter":{"field":"severity","op":"in","values":[17,21,true]}})");
}

TEST(ToJson, DoublesTakeTheShortestFormAndStayDoubles) {
  const std::vector<std::pair<double, std::string>> cases = {
      {2.0, "2.0"},
      {0.1, "0.1"},
      {-0.0, "-0.0"},
      {1e21, "1e+21"},
      {1.5e-7, "1.5e-07"},
      {std::numeric_limits<double>::max(), "1.7976931348623157e+308"},
      {std::numeric_limits<double>::quiet_NaN(), R"("NaN")"},
      {std::numeric_limits<double>::infinity(), R"("Infinity")"},
      {-std::numeric_limits<double>::infinity(), R"("-Infinity")"},
  };
  for (const auto& [value, text] : cases)
    EXPECT_EQ(tinkr::ir::to_json(Filter::make_predicate("duration", Op::gt, {value})),
              R"({"field":"duration","op":"gt","value":)" + text + "}")
        << text;
}

TEST(ToJson, StringsAreEscapedAsRapidJsonSpellsThem) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"say \"hi\"", R"("say \"hi\"")"},
      {"a\\b", R"("a\\b")"},
      {"\n\r\t\b\f", R"("\n\r\t\b\f")"},
      {std::string("\0\x01\x1f", 3), R"("\u0000\u0001\u001F")"},
      {"\x20\x7f\xc3\xa9/", "\"\x20\x7f\xc3\xa9/\""},  // passed through as they are
  };
  for (const auto& [text, json] : cases)
    EXPECT_EQ(tinkr::ir::to_json(Filter::make_text(text)), R"({"text":)" + json + "}") << json;
}

TEST(ToJson, StringsReadBackWholeWhereverAnEscapedCharacterFalls) {
  // Each character that needs escaping, at every offset of strings up to 24 bytes long, among bytes
  // at the edges of the escaped ranges that pass through unchanged.
  const std::string specials = std::string("\"\\\n\r\t\b\f", 7) + std::string(1, '\0') + "\x1f";
  const std::string plain_edges = std::string("\x20\x21\x5b\x5d\x7f\x80\xc3\xa9", 8);
  auto check = [](const std::string& s, const std::string& where) {
    Query q;
    q.service = s;
    auto back = tinkr::ir::parse_json(tinkr::ir::to_json(q));
    ASSERT_TRUE(back) << where << ": " << back.error().message();
    EXPECT_EQ(back->service, s) << where;
  };
  for (std::size_t length = 0; length <= 24; ++length) {
    std::string base(length, 'a');
    for (std::size_t i = 0; i < length; ++i) base[i] = plain_edges[i % plain_edges.size()];
    check(base, "length " + std::to_string(length));
    for (std::size_t at = 0; at < length; ++at) {
      for (char special : specials) {
        std::string s = base;
        s[at] = special;
        check(s, "length " + std::to_string(length) + ", at " + std::to_string(at));
      }
    }
  }
}

TEST(ToJson, LongStringsArriveWhole) {
  const std::string long_text(5000, 'x');
  Query q;
  q.metrics.names = {long_text, long_text, long_text};
  EXPECT_EQ(tinkr::ir::to_json(q),
            R"({"ir":1,"signal":"logs","time":{"from":0,"to":0},"metrics":{"names":[")" + long_text +
                R"(",")" + long_text + R"(",")" + long_text +
                R"("],"aggregations":[],"interval":0,"group_by":[],"top":0}})");
}

TEST(ToJson, MembersAreLeftOutExactlyWhenTheyEqualTheirDefaults) {
  const std::string head = R"({"ir":1,"signal":"logs","time":{"from":0,"to":0})";
  Query q;
  EXPECT_EQ(tinkr::ir::to_json(q), head + "}");

  q.order = Order{"time", false};
  EXPECT_EQ(tinkr::ir::to_json(q), head + R"(,"order":{"field":"time","desc":false}})");
  q.order = Order{"", true};
  EXPECT_EQ(tinkr::ir::to_json(q), head + R"(,"order":{"field":"","desc":true}})");
  q.order = Order{};

  // A spec that differs from the default only in a filter of kind all (hand-built, with text) is
  // written, but without the filter: an all filter selects everything.
  Filter all_with_text;
  all_with_text.text = "x";
  q.metrics.dimension_filter = all_with_text;
  EXPECT_EQ(tinkr::ir::to_json(q),
            head + R"(,"metrics":{"names":[],"aggregations":[],"interval":0,"group_by":[],"top":0}})");
  q.metrics = MetricsSpec{};
  q.metrics.top = 5;
  EXPECT_EQ(tinkr::ir::to_json(q),
            head + R"(,"metrics":{"names":[],"aggregations":[],"interval":0,"group_by":[],"top":5}})");
  q.metrics = MetricsSpec{};

  q.no_cache = true;
  q.statistics = true;
  q.table = "AppTraces";
  EXPECT_EQ(tinkr::ir::to_json(q), head + R"(,"no_cache":true,"statistics":true,"table":"AppTraces"})");
}

}  // namespace
