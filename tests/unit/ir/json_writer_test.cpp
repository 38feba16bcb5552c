// The IR's JSON writer (sdk/include/tinkr/sdk/json_writer.hpp) on the cases its fast paths could get
// wrong: integers at every digit-count boundary and at the int64 limits (against std::to_chars),
// strings whose characters that need escaping fall on either side of an eight-byte block, and
// is_default, which must say exactly what operator== against a default-built value says.
#include <tinkr/sdk/ir_json.hpp>

#include <gtest/gtest.h>

#include <charconv>
#include <cstdio>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace {

using tinkr::ir::json_detail::write_json;
using tinkr::ir::json_detail::Writer;

std::string reference_decimal(int64_t value) {
  char buffer[24];
  auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
  return std::string(buffer, end);
}

std::string written_decimal(int64_t value) {
  return write_json([value](Writer& w) { w.Int64(value); });
}

/// The JSON text of s as the writer's escaping rules spell it, one character at a time.
std::string reference_string(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char escaped[7];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
          out += escaped;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

std::string written_string(const std::string& s) {
  return write_json([&s](Writer& w) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); });
}

TEST(JsonWriter, IntegersMatchToCharsAtEveryLengthAndLimit) {
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
  for (int64_t v : values) EXPECT_EQ(written_decimal(v), reference_decimal(v)) << "value " << v;
}

TEST(JsonWriter, NumbersInAnObjectAreSeparatedByCommas) {
  const std::string json = write_json([](Writer& w) {
    w.StartObject();
    w.PlainKey("from");
    w.Int64(1795597200000000000);
    w.PlainKey("to");
    w.Int64(-7);
    w.PlainKey("list");
    w.StartArray();
    w.Int64(17);
    w.Int64(21);
    w.Bool(true);
    w.EndArray();
    w.EndObject();
  });
  EXPECT_EQ(json, R"({"from":1795597200000000000,"to":-7,"list":[17,21,true]})");
}

TEST(JsonWriter, EscapesWhereverTheCharacterFallsInAnEightByteBlock) {
  // Each character that needs escaping, at every offset of strings up to three blocks long, and
  // bytes at the edges of the tested ranges that must pass through unchanged.
  const std::string specials = std::string("\"\\\n\r\t\b", 6) + std::string(1, '\0') + "\x1f";
  const std::string plain_edges = std::string("\x20\x21\x5b\x5d\x7f\x80\xc3\xa9", 8);
  for (std::size_t length = 0; length <= 24; ++length) {
    std::string base(length, 'a');
    for (std::size_t i = 0; i < length; ++i) base[i] = plain_edges[i % plain_edges.size()];
    EXPECT_EQ(written_string(base), reference_string(base)) << "length " << length;
    for (std::size_t at = 0; at < length; ++at) {
      for (char special : specials) {
        std::string s = base;
        s[at] = special;
        EXPECT_EQ(written_string(s), reference_string(s)) << "length " << length << ", at " << at;
      }
    }
  }
}

TEST(JsonWriter, GrowsPastItsFirstRoom) {
  const std::string long_text(5000, 'x');
  const std::string json = write_json([&](Writer& w) {
    w.StartArray();
    for (int i = 0; i < 3; ++i)
      w.String(long_text.data(), static_cast<rapidjson::SizeType>(long_text.size()));
    w.EndArray();
  });
  EXPECT_EQ(json, "[\"" + long_text + "\",\"" + long_text + "\",\"" + long_text + "\"]");
}

TEST(JsonWriter, IsDefaultAgreesWithEqualityToADefaultValue) {
  using tinkr::ir::Filter;
  using tinkr::ir::MetricsSpec;
  using tinkr::ir::Op;
  using tinkr::ir::Order;
  using tinkr::ir::json_detail::is_default;

  std::vector<Order> orders = {Order{}, Order{"time", false}, Order{"duration", true}, Order{"", true}};
  for (const auto& o : orders) EXPECT_EQ(is_default(o), o == Order{}) << o.field << " " << o.descending;

  std::vector<Filter> filters = {Filter{}, Filter::make_text("x"),
                                 Filter::make_predicate("severity", Op::eq, {})};
  Filter all_with_text;  // hand-built: kind all, but not a default value
  all_with_text.text = "x";
  filters.push_back(all_with_text);
  Filter all_with_op;
  all_with_op.predicate.op = Op::ne;
  filters.push_back(all_with_op);
  for (std::size_t i = 0; i < filters.size(); ++i)
    EXPECT_EQ(is_default(filters[i]), filters[i] == Filter{}) << "filter " << i;

  std::vector<MetricsSpec> specs(7);
  specs[1].names = {"cpu"};
  specs[2].aggregations = {tinkr::ir::Aggregation::max};
  specs[3].interval_ns = 60;
  specs[4].dimension_filter = all_with_text;
  specs[5].group_by = {"host"};
  specs[6].top = 5;
  for (std::size_t i = 0; i < specs.size(); ++i)
    EXPECT_EQ(is_default(specs[i]), specs[i] == MetricsSpec{}) << "spec " << i;
}

}  // namespace
