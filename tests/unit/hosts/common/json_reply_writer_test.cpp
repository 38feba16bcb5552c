// A JSON reply in pieces: whichever array leads, the pieces joined are the whole reply's members, and a
// reply that fails after its first piece ends with an error that a client replays as one.
#include "common/json_reply_writer.hpp"
#include "common/result_json.hpp"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

namespace tinkr::host {
namespace {

LogRecord log_record(int n) {
  LogRecord log;
  log.service = "payments-api";
  log.body = "record \"" + std::to_string(n) + "\"";
  return log;
}

QueryResult answer_with_both() {
  QueryResult result;
  result.records = {log_record(1), log_record(2), log_record(3)};
  result.tables.push_back(Table{"PrimaryResult", {{"n", "long"}}, {{"1"}, {"2"}, {"3"}}});
  result.tables.push_back(Table{"Second", {{"ok", "bool"}}, {{"true"}}});
  result.stats.received = 3;
  result.stats.warnings = {"one shard did not answer"};
  return result;
}

rapidjson::Document parsed(const std::string& text) {
  rapidjson::Document document;
  document.Parse(text.c_str());
  EXPECT_FALSE(document.HasParseError()) << "not JSON: " << text;
  return document;
}

// rapidjson compares objects member by member whatever their order, arrays element by element.
void expect_same_json(const std::string& actual, const std::string& expected) {
  EXPECT_TRUE(parsed(actual) == parsed(expected)) << actual << "\n  expected the members of\n" << expected;
}

TEST(JsonReplyWriter, RecordsLeadAndThePiecesJoinedAreTheWholeReplyByteForByte) {
  const auto answer = answer_with_both();
  JsonReplyWriter writer;
  writer.record(answer.records[0]);
  std::string pieces = writer.take_ready();
  EXPECT_TRUE(writer.in_pieces());
  EXPECT_EQ(writer.ready_bytes(), 0u);
  writer.table_begin(answer.tables[0].name, answer.tables[0].columns);
  writer.table_row(answer.tables[0].rows[0]);
  writer.record(answer.records[1]);
  EXPECT_GT(writer.ready_bytes(), 0u) << "the record written after the piece is ready";
  pieces += writer.take_ready();
  for (std::size_t i = 1; i < answer.tables[0].rows.size(); ++i) writer.table_row(answer.tables[0].rows[i]);
  writer.record(answer.records[2]);
  writer.table_begin(answer.tables[1].name, answer.tables[1].columns);
  writer.table_row(answer.tables[1].rows[0]);
  pieces += writer.finish(answer.stats);
  EXPECT_EQ(pieces, result_to_json(answer));
}

TEST(JsonReplyWriter, TablesLeadWhenTheyCameFirstAndTheRecordsFollowThem) {
  const auto answer = answer_with_both();
  JsonReplyWriter writer;
  writer.table_begin(answer.tables[0].name, answer.tables[0].columns);
  writer.table_row(answer.tables[0].rows[0]);
  std::string pieces = writer.take_ready();
  EXPECT_EQ(pieces.rfind(R"({"tables":[{"type":"table","name":"PrimaryResult")", 0), 0u) << pieces;
  for (const auto& record : answer.records) writer.record(record);
  EXPECT_EQ(writer.ready_bytes(), 0u) << "records were handed out while the tables lead";
  writer.table_row(answer.tables[0].rows[1]);
  pieces += writer.take_ready();
  writer.table_row(answer.tables[0].rows[2]);
  writer.table_begin(answer.tables[1].name, answer.tables[1].columns);
  writer.table_row(answer.tables[1].rows[0]);
  writer.add_member("critical_path", "[]");
  pieces += writer.finish(answer.stats);
  auto whole = result_to_json(answer);
  whole.pop_back();
  expect_same_json(pieces, whole + R"(,"critical_path":[]})");
}

TEST(JsonReplyWriter, AReplyThatFailsAfterItsFirstPieceEndsWithTheErrorAndReplaysAsIt) {
  JsonReplyWriter writer;
  writer.record(log_record(1));
  std::string pieces = writer.take_ready();
  writer.record(log_record(2));
  pieces += writer.finish_failed(Error(Error::Code::upstream_unavailable, "the workspace stopped answering"));
  const auto document = parsed(pieces);
  ASSERT_TRUE(document.IsObject());
  EXPECT_EQ(document["records"].Size(), 2u);
  EXPECT_FALSE(document.HasMember("stats")) << pieces;
  EXPECT_STREQ(document["error"]["code"].GetString(), "upstream_unavailable");

  struct Counting final : ResultSink {
    bool on_record(Record&&) override { return ++records > 0; }
    int records = 0;
  } sink;
  auto replayed = replay_result(pieces, sink);
  ASSERT_FALSE(replayed) << "a reply that ends with an error replayed as a whole answer";
  EXPECT_EQ(replayed.error().code(), Error::Code::upstream_unavailable);
  EXPECT_EQ(replayed.error().message(), "the workspace stopped answering");
  EXPECT_EQ(sink.records, 2) << "the records sent before the error are the partial answer";
}

}  // namespace
}  // namespace tinkr::host
