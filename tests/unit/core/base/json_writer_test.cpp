// json::JsonWriter copies strings sixteen or eight bytes at a time where it can and raw values at once,
// instead of rapidjson's byte at a time (issue 15); what it writes must stay rapidjson's text exactly: every
// escape, every byte from 0x7F up as it is, NUL inside a string, keys, raw values, and values written through
// Value::Accept. Objects written member by member (JsonMembers) are the same text as the writer's own.
#include <tinkr/json_writing.hpp>

#include <rapidjson/document.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace tinkr::json {
namespace {

// What `write` writes through rapidjson's own writer and through JsonWriter.
template <class Write>
std::pair<std::string, std::string> both(Write write) {
  rapidjson::StringBuffer rapidjson_text;
  rapidjson::Writer<rapidjson::StringBuffer> rapidjson_writer(rapidjson_text);
  write(rapidjson_writer);
  rapidjson::StringBuffer our_text;
  JsonWriter our_writer(our_text);
  write(our_writer);
  return {std::string(rapidjson_text.GetString(), rapidjson_text.GetSize()),
          std::string(our_text.GetString(), our_text.GetSize())};
}

TEST(JsonWriter, EveryByteIsWrittenAsRapidjsonWritesIt) {
  std::string every_byte;
  for (int byte = 0; byte < 256; ++byte) every_byte += static_cast<char>(byte);
  const auto [expected, written] = both([&](auto& w) {
    w.StartArray();
    w.String(every_byte.data(), static_cast<rapidjson::SizeType>(every_byte.size()));
    w.EndArray();
  });
  EXPECT_EQ(written, expected);
  // The escapes themselves, so that a change in rapidjson cannot hide one here.
  EXPECT_NE(written.find(R"(\u0000\u0001)"), std::string::npos);
  EXPECT_NE(written.find(R"(\b\t\n\u000B\f\r)"), std::string::npos);
  EXPECT_NE(written.find(R"( !\"#)"), std::string::npos);
  EXPECT_NE(written.find(R"([\\])"), std::string::npos);
  EXPECT_NE(written.find("\x7F\x80\x81"), std::string::npos);
  EXPECT_TRUE(written.ends_with("\xFE\xFF\"]"));
}

TEST(JsonWriter, AnEscapeAnywhereInALongStringIsFound) {
  // Strings are scanned sixteen or eight bytes at a time: each byte that needs escaping, at every
  // offset of a string of three chunks of sixteen (six of eight once a chunk holds an escape), and
  // bytes from 0x80 (which must pass) beside it.
  const std::string plain = "0123456789abcdef\xC3\xA9xyz0123456789ABCDEFghijklmnopq";
  for (const char special : {'"', '\\', '\n', '\x01', '\x1F', '\x7F', '\x80', ' '}) {
    for (std::size_t at = 0; at < plain.size(); ++at) {
      std::string text = plain;
      text[at] = special;
      const auto [expected, written] = both([&](auto& w) {
        w.StartArray();
        w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
        w.EndArray();
      });
      EXPECT_EQ(written, expected) << "byte " << int(static_cast<unsigned char>(special)) << " at " << at;
    }
  }
}

// Fewer than eight bytes (a whole short key, or a long string's end) are checked at once, padded:
// an escape at any place of a string of any short length is still found, and nothing is read past it.
TEST(JsonWriter, AnEscapeAnywhereInAShortStringIsFound) {
  for (const char special : {'"', '\\', '\n', '\x01', '\x1F', ' ', '\0'}) {
    for (std::size_t length = 1; length <= 17; ++length) {
      for (std::size_t at = 0; at < length; ++at) {
        std::string text(length, 'k');
        text[at] = special;
        const auto [expected, written] = both([&](auto& w) {
          w.StartArray();
          w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
          w.EndArray();
        });
        EXPECT_EQ(written, expected) << "byte " << int(static_cast<unsigned char>(special)) << " at " << at
                                     << " of " << length;
      }
    }
  }
}

TEST(JsonWriter, KeysStringsAndRawValuesInAnObject) {
  const std::string long_text(1000, 'x');
  const auto [expected, written] = both([&](auto& w) {
    w.StartObject();
    w.Key("plain");
    w.String("text with \"quotes\", a \\ and a\nnewline");
    w.Key("empty", 5);
    w.String("", 0);
    w.Key(std::string("key \"quoted\"").c_str());
    w.String(long_text.data(), static_cast<rapidjson::SizeType>(long_text.size()));
    w.Key("raw");
    w.RawValue(R"({"a":[1,2]})", 11, rapidjson::kObjectType);
    w.Key("after");
    w.Int64(-7);
    w.EndObject();
  });
  EXPECT_EQ(written, expected);
  EXPECT_TRUE(written.starts_with(R"({"plain":"text with \"quotes\", a \\ and a\nnewline","empty":"",)"))
      << written;
}

// JsonWriter::Object writes an object's members straight into the text (JsonMembers): the same text as
// rapidjson's writer, in an array (commas between objects), as a member's value, empty, and with the
// writer's own calls going on after it; a value written in place takes only the room it used.
TEST(JsonWriter, ObjectsWrittenByMembersAreWhatTheWriterWrites) {
  rapidjson::StringBuffer expected_text;
  rapidjson::Writer<rapidjson::StringBuffer> expected(expected_text);
  rapidjson::StringBuffer our_text;
  JsonWriter ours(our_text);
  const std::string body = "a \"quoted\" body\nwith \\ and \x01";
  expected.StartArray();
  ours.StartArray();
  for (int64_t n : {int64_t{0}, int64_t{-7}, INT64_MIN, INT64_MAX}) {
    expected.StartObject();
    expected.Key("type");
    expected.String("log");
    expected.Key("time");
    expected.String("2026-11-25T10:00:00.123Z");
    expected.Key("shown");
    expected.String("12:00");
    expected.Key("none");
    expected.String("");
    expected.Key("n");
    expected.Int64(n);
    expected.Key("body");
    expected.String(body.data(), static_cast<rapidjson::SizeType>(body.size()));
    expected.Key("attributes");
    expected.RawValue(R"({"a":[1,2]})", 11, rapidjson::kObjectType);
    expected.Key("orphan");
    expected.Bool(true);
    expected.Key("points");
    expected.StartArray();
    expected.Double(1.5);
    expected.Null();
    expected.EndArray();
    expected.Key("inner");
    expected.StartObject();
    expected.EndObject();
    expected.EndObject();
    ours.Object([&](JsonMembers& m) {
      m.plain("type", "log");
      m.plain("time", "2026-11-25T10:00:00.123Z");
      // Written in place, in less room than was asked for, and not at all.
      m.plain_written("shown", 30, [](char* at) { return std::copy_n("12:00", 5, at); });
      m.plain_written("none", 30, [](char* at) { return at; });
      m.int64("n", n);
      m.string("body", body);
      m.raw("attributes", R"({"a":[1,2]})");
      m.boolean("orphan", true);
      m.value("points", [](JsonWriter& w) {
        w.StartArray();
        w.Double(1.5);
        w.Null();
        w.EndArray();
      });
      m.value("inner", [](JsonWriter& w) { w.Object([](JsonMembers&) {}); });
    });
  }
  expected.String("last");
  ours.String("last");
  expected.EndArray();
  ours.EndArray();
  const std::string written(our_text.GetString(), our_text.GetSize());
  EXPECT_EQ(written, std::string(expected_text.GetString(), expected_text.GetSize()));
  EXPECT_TRUE(written.starts_with(
      R"([{"type":"log","time":"2026-11-25T10:00:00.123Z","shown":"12:00","none":"","n":0,"body":"a \"quoted)"))
      << written;
  EXPECT_NE(written.find(R"("n":-9223372036854775808,)"), std::string::npos) << written;
  EXPECT_NE(written.find(R"("points":[1.5,null],"inner":{}},{"type")"), std::string::npos) << written;
  EXPECT_TRUE(written.ends_with(R"("inner":{}},"last"])")) << written;
}

TEST(JsonWriter, AnObjectWithNoMemberIsEmptyBraces) {
  const std::string written = to_json_text([](JsonWriter& w) {
    w.StartObject();
    w.Key("a");
    w.Object([](JsonMembers&) {});
    w.Key("b");
    w.Object([](JsonMembers& m) { m.int64("c", 1); });
    w.EndObject();
  });
  EXPECT_EQ(written, R"({"a":{},"b":{"c":1}})");
}

TEST(JsonWriter, ValuesWrittenThroughAccept) {
  rapidjson::Document document;
  document.Parse(R"({"k\u0001":["a\"b",{"c":"\u00e9\t"}],"n":null,"t":true,"x":1.5})");
  ASSERT_FALSE(document.HasParseError());
  const auto [expected, written] = both([&](auto& w) { document.Accept(w); });
  EXPECT_EQ(written, expected);
  EXPECT_EQ(written, "{\"k\\u0001\":[\"a\\\"b\",{\"c\":\"\xC3\xA9\\t\"}],\"n\":null,\"t\":true,\"x\":1.5}");
}

}  // namespace
}  // namespace tinkr::json
