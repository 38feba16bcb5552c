// Record lines checked without being built (common/record_line.hpp): what the server writes passes as
// it is; whatever the record reader would refuse is refused too, with the reader's words.
#include "common/record_line.hpp"
#include "common/record_json.hpp"
#include "common/record_reader.hpp"
#include "common/result_json.hpp"
#include "fixed_records.hpp"

#include <tinkr/record_fields.hpp>

#include <gtest/gtest.h>

namespace tinkr::host {
namespace {

std::vector<Record> every_kind() {
  std::vector<Record> records = testing::fixed_logs();
  for (const auto& r : testing::fixed_metrics()) records.push_back(r);
  for (const auto& r : testing::fixed_traces()) records.push_back(r);
  for (const auto& span : testing::fixed_spans()) records.emplace_back(span);
  return records;
}

/// Does the record reader (which builds the record) take the line?
bool reader_takes(std::string_view line) {
  rapidjson::Document document;
  document.Parse(line.data(), line.size());
  return !document.HasParseError() && record_from_json(document).has_value();
}

TEST(RecordLine, WhatTheServerWritesPassesAsItIs) {
  for (const auto& record : every_kind()) {
    const std::string line = record_to_json(record);
    const std::string_view type =
        std::visit([](const auto& kept) { return record_type_of<std::decay_t<decltype(kept)>>; }, record);
    EXPECT_EQ(record_line_type(line), type) << line;
    auto checked = check_record_line(line, record_line_type(line));
    EXPECT_TRUE(checked) << line << ": " << (checked ? "" : checked.error().message());
  }
}

TEST(RecordLine, OtherLinesAreNotRecordLines) {
  for (std::string_view line :
       {R"({"type":"table","name":"t","columns":[]})", R"({"type":"row","cells":[1]})",
        R"({"type":"end","stats":{}})", R"({"type":"warning","message":"m"})", R"({"type":"logs"})",
        R"({"body":"x","type":"log"})", R"(["type","log"])"})
    EXPECT_EQ(record_line_type(line), "") << line;
}

// The check and the reader agree on every line: a line passed through is one the reader would have
// printed, and a line it refuses names the member as the reader does.
TEST(RecordLine, RefusesWhatTheReaderRefusesInItsWords) {
  struct Case {
    std::string_view line, message;
  };
  const Case cases[] = {
      {R"({"type":"log","time_ns":"12"})", "record (log): 'time_ns' must be a whole number"},
      {R"({"type":"log","body":["a"]})", "record (log): 'body' must be a string"},
      {R"({"type":"log","item_count":1.5})", "record (log): 'item_count' must be a whole number"},
      {R"({"type":"log","severity_number":18446744073709551615})",
       "record (log): 'severity_number' must be a whole number"},
      {R"({"type":"span","orphan":"yes"})", "record (span): 'orphan' must be true or false"},
      {R"({"type":"span","status":2})", "record (span): 'status' must be a string"},
      {R"({"type":"trace","span_count":"3"})", "record (trace): 'span_count' must be a whole number"},
      {R"({"type":"metric_series","points":{}})",
       "record (metric_series): 'points' must be an array of objects"},
      {R"({"type":"metric_series","points":[1]})",
       "record (metric_series): 'points' must be an array of objects"},
      {R"({"type":"metric_series","points":[{"time_ns":"x"}]})",
       "record (metric point): 'time_ns' must be a whole number"},
  };
  for (const auto& c : cases) {
    auto checked = check_record_line(c.line, record_line_type(c.line));
    ASSERT_FALSE(checked) << c.line;
    EXPECT_EQ(checked.error().message(), "server reply: " + std::string(c.message)) << c.line;
    EXPECT_EQ(checked.error().code(), Error::Code::upstream_unavailable);
    EXPECT_FALSE(reader_takes(c.line)) << "the reader refuses it too: " << c.line;
  }
  for (std::string_view line :
       {R"({"type":"log","attributes":{"a":[1,{"b":null}]},"extra":{"time_ns":"x"}})",
        R"({"type":"metric_series","points":[{"time_ns":1,"value":null},{"time_ns":2,"value":2.5}]})",
        R"({"type":"span","events":[{"name":"exception"}],"orphan":true})"}) {
    EXPECT_TRUE(check_record_line(line, record_line_type(line))) << line;
    EXPECT_TRUE(reader_takes(line)) << line;
  }
  // Stricter than the reader, which rebuilds "time" from "time_ns": printed as it came, it must be text.
  auto time = check_record_line(R"({"type":"log","time":12})", "log");
  ASSERT_FALSE(time);
  EXPECT_EQ(time.error().message(), "server reply: record (log): 'time' must be a string");
}

TEST(RecordLine, AGarbledOrCutLineIsAnErrorNotAPartialRecord) {
  for (std::string_view line : {R"({"type":"log","body":"request ser)", R"({"type":"log","body":"x"}})",
                                R"({"type":"log","body":"x"} {"type":"log"})", R"({"type":"log",)"}) {
    auto checked = check_record_line(line, "log");
    ASSERT_FALSE(checked) << line;
    EXPECT_EQ(checked.error().message(), "server reply: NDJSON line is not a JSON object") << line;
  }
  // JSON escapes control characters in strings; a raw one (or a carriage return between members,
  // which JSON would take as space) never reaches a terminal.
  for (std::string_view line :
       {"{\"type\":\"log\",\"body\":\"\x1b]0;owned\x07\"}", "{\"type\":\"log\",\r\"body\":\"x\"}"}) {
    auto checked = check_record_line(line, "log");
    ASSERT_FALSE(checked) << line;
    EXPECT_EQ(checked.error().message(), "server reply: NDJSON line holds a raw control character");
  }
}

// With a line sink, records reach it byte for byte; everything else still goes to the record sink.
TEST(RecordLine, TheReplayerHandsRecordLinesOnAsTheyCame) {
  struct Lines : ResultSink, RecordLineSink {
    std::vector<std::string> lines;
    int records = 0, tables = 0, warnings = 0;
    bool on_record(Record&&) override { return ++records, true; }
    bool on_record_line(std::string_view line) override { return lines.emplace_back(line), true; }
    bool on_table_begin(const std::string&, const std::vector<Column>&) override { return ++tables, true; }
    void on_warning(const std::string&) override { ++warnings; }
  } sink;
  NdjsonReplayer replayer(sink, &sink);
  std::vector<std::string> sent;
  for (const auto& record : every_kind()) {
    sent.push_back(record_to_json(record));
    ASSERT_TRUE(replayer.feed(sent.back()));
  }
  std::string table = table_line("t", {{"n", "long"}}), warning = warning_line("partial");
  table.pop_back(), warning.pop_back();
  ASSERT_TRUE(replayer.feed(table));
  ASSERT_TRUE(replayer.feed(warning));
  EXPECT_EQ(sink.lines, sent);
  EXPECT_EQ(sink.records, 0) << "no record was rebuilt";
  EXPECT_EQ(sink.tables, 1);
  EXPECT_EQ(sink.warnings, 1);
  auto garbled = replayer.feed(R"({"type":"log","body":)");
  ASSERT_FALSE(garbled);
  EXPECT_FALSE(replayer.finished()) << "a garbled line is no end";
}

// A record line the server got wrong is the server's fault whichever way it is read: checked and passed
// on as it came (json and ndjson output), or rebuilt into a record (the other formats). Both say so
// alike: upstream_unavailable, naming the server's reply and the member.
TEST(RecordLine, ABadRecordLineIsTheServersFaultOnBothPaths) {
  const std::string bad = R"({"type":"log","time_ns":"soon","body":"x"})";
  struct Records : ResultSink, RecordLineSink {
    bool on_record(Record&&) override { return true; }
    bool on_record_line(std::string_view) override { return true; }
  } sink;
  NdjsonReplayer passed_on(sink, &sink);
  NdjsonReplayer rebuilt(sink);
  for (auto* replayer : {&passed_on, &rebuilt}) {
    auto fed = replayer->feed(bad);
    ASSERT_FALSE(fed);
    EXPECT_EQ(fed.error().code(), Error::Code::upstream_unavailable) << fed.error().message();
    EXPECT_EQ(fed.error().source(), Error::Source::upstream);
    EXPECT_EQ(fed.error().message().rfind("server reply: ", 0), 0u) << fed.error().message();
    EXPECT_NE(fed.error().message().find("time_ns"), std::string::npos) << fed.error().message();
  }
}

}  // namespace
}  // namespace tinkr::host
