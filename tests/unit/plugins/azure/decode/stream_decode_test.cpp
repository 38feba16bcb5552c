// Decoding while the answer arrives: every vector decodes the same whatever the piece boundaries, and
// read_answer's streaming, stopping and errors as it pulls the body.
#include "decode/log_records.hpp"
#include "decode/native_rows.hpp"
#include "decode/table_reader.hpp"
#include "kql/tables.hpp"
#include "lower/read_answer.hpp"
#include "recording_sink.hpp"

#include <tinkr/sdk/error.hpp>
#include <tinkr/sdk/ir.hpp>

#include <gtest/gtest.h>

#include <functional>

namespace tinkr::azure {
namespace {

using testing::error_of;
using testing::no_call;
using testing::PiecedAnswer;
using testing::read_vector;
using testing::RecordingSink;
using testing::ScriptedTransport;

/// Counts rows, and can stop or throw at a given row.
class CountingConsumer final : public decode::RowConsumer {
 public:
  bool begin_table(std::size_t, std::string_view, std::span<const decode::ColumnInfo>) override {
    return true;
  }
  bool row(std::span<const decode::Cell>) override {
    ++rows_;
    if (rows_ == throw_at) throw sdk::Error(TINKR_INTERNAL, "the consumer failed on purpose");
    return rows_ != stop_at;
  }
  uint64_t rows() const { return rows_; }
  uint64_t stop_at = 0;
  uint64_t throw_at = 0;

 private:
  mutable std::mutex mutex_;
  std::condition_variable seen_;
  uint64_t rows_ = 0;
};

/// A Log Analytics answer of n rows (about 60 bytes each).
std::string answer_of(std::size_t n) {
  std::string body = R"({"tables":[{"name":"PrimaryResult","columns":[{"name":"Id","type":"long"},)"
                     R"({"name":"Message","type":"string"}],"rows":[)";
  for (std::size_t i = 0; i < n; ++i)
    body +=
        (i ? ",[" : "[") + std::to_string(i) + R"(,"row number )" + std::to_string(i) + R"( \"quoted\""])";
  return body + "]}]}";
}

RequestPlan a_plan() {
  RequestPlan plan;
  plan.method = "POST";
  plan.url = "https://api.loganalytics.io/v1/workspaces/w/query";
  return plan;
}

TEST(AzureStreamDecode, EveryVectorDecodesTheSameWhateverThePieces) {
  const auto vectors = testing::log_analytics_answer_vectors();
  for (const auto& name : vectors) {
    const std::string body = read_vector(name);
    RecordingSink whole;
    decode::NativeRowConsumer whole_consumer(whole.sink());
    const auto expected = decode::read_tables(body, whole_consumer);
    for (std::size_t size : {1, 2, 3, 5, 8, 13, 64, 4096}) {
      SCOPED_TRACE(name + " in pieces of " + std::to_string(size));
      RecordingSink rec;
      decode::NativeRowConsumer consumer(rec.sink());
      PiecedBody pieces(body, size);
      const auto result = decode::read_tables(pieces, consumer);
      EXPECT_EQ(rec.table_columns, whole.table_columns);
      EXPECT_EQ(rec.rows, whole.rows);
      EXPECT_EQ(result.tables, expected.tables);
      EXPECT_EQ(result.partial_error_message, expected.partial_error_message);
    }
  }
  EXPECT_GE(vectors.size(), 7u) << "the vectors folder lost its query answers";
}

TEST(AzureStreamDecode, EscapesAndMultiByteTextCutAnywhereReadWhole) {
  const std::string body = R"({"tables":[{"name":"PrimaryResult","columns":[
    {"name":"TimeGenerated","type":"datetime"},{"name":"Message","type":"string"},
    {"name":"SeverityLevel","type":"int"},{"name":"Properties","type":"dynamic"}],
    "rows":[["2024-05-01T09:30:00.1234567Z","caf\u00e9 \"r\u00e9sum\u00e9\" \\ 日本語 \ud83d\ude00",3,
             "{\"k\":\"v\\\"w\"}"]]}]})";
  for (std::size_t size = 1; size <= 8; ++size) {
    SCOPED_TRACE("pieces of " + std::to_string(size));
    RecordingSink rec;
    decode::LogRecordConsumer consumer(kql::table_for("app_insights"), "payments-api", rec.sink());
    PiecedBody pieces(body, size);
    decode::read_tables(pieces, consumer);
    ASSERT_EQ(rec.logs.size(), 1u);
    EXPECT_EQ(rec.logs[0].body, "café \"résumé\" \\ 日本語 😀");
    EXPECT_EQ(rec.logs[0].attributes, R"({"k":"v\"w"})");
    EXPECT_EQ(rec.logs[0].time_ns, 1714555800'123456700LL);
    EXPECT_EQ(rec.logs[0].severity, ir::kSeverityError);
  }
}

TEST(AzureStreamDecode, ARowWithNestedValuesStaysWholeWhateverThePieces) {
  // Brackets inside a row (nested cells) are no place for a batch to end: the cells before them
  // would be left pointing into a dropped batch.
  const std::string body =
      R"({"tables":[{"name":"t","columns":[{"name":"a","type":"string"},)"
      R"({"name":"b","type":"dynamic"},{"name":"c","type":"dynamic"},{"name":"d","type":"string"}],)"
      R"("rows":[["first",[1,[2,[3]]],{"k":{"x":[1]}},"last"],["again",[],{},"end"]]}]})";
  for (std::size_t size = 1; size <= 9; ++size) {
    SCOPED_TRACE("pieces of " + std::to_string(size));
    RecordingSink rec;
    decode::NativeRowConsumer consumer(rec.sink());
    PiecedBody pieces(body, size);
    decode::read_tables(pieces, consumer);
    ASSERT_EQ(rec.rows.size(), 2u);
    EXPECT_EQ(rec.rows[0][0], "first");
    EXPECT_EQ(rec.rows[0][3], "last");
    EXPECT_EQ(rec.rows[1][0], "again");
    EXPECT_EQ(rec.rows[1][3], "end");
  }
}

TEST(AzureStreamDecode, ACutBodyOrANulByteIsAnErrorWithItsOffset) {
  RecordingSink rec;
  decode::NativeRowConsumer consumer(rec.sink());
  const std::string cut = answer_of(3).substr(0, 120);
  PiecedBody pieces(cut, 16);
  const sdk::Error cut_short = error_of([&] { decode::read_tables(pieces, consumer); });
  EXPECT_EQ(cut_short.status(), TINKR_UPSTREAM_UNAVAILABLE);
  EXPECT_NE(std::string(cut_short.what()).find("not valid JSON at offset 120"), std::string::npos)
      << cut_short.what();
  const std::string with_nul = answer_of(1) + std::string(1, '\0') + "garbage";
  const sdk::Error nul = error_of([&] { decode::read_tables(std::string_view(with_nul), consumer); });
  EXPECT_NE(std::string(nul.what()).find("NUL byte at offset"), std::string::npos) << nul.what();
}

// Two columns members in one table (found by make fuzz: the second grew the column names under the
// views the first had handed out) is a malformed answer, named, never a read of freed memory.
TEST(AzureStreamDecode, ATableWithTwoColumnsMembersIsMalformed) {
  RecordingSink rec;
  decode::NativeRowConsumer consumer(rec.sink());
  const std::string body =
      R"({"tables":[{"name":"PrimaryResult","columns":[{"name":"a","type":"string"}],)"
      R"("columns":[{"name":"b","type":"long"},{"name":"c","type":"long"},{"name":"d","type":"long"}],)"
      R"("rows":[["x"]]}]})";
  const sdk::Error twice = error_of([&] { decode::read_tables(std::string_view(body), consumer); });
  EXPECT_EQ(twice.status(), TINKR_UPSTREAM_UNAVAILABLE);
  EXPECT_NE(std::string(twice.what()).find("more than one columns member"), std::string::npos)
      << twice.what();
}

TEST(AzureReadAnswer, RowsReachTheConsumerBeforeTheBodyHasArrived) {
  const std::string body = answer_of(200);
  CountingConsumer consumer;
  PiecedAnswer answer(sdk::HttpResponse{200, {}, body}, body.size() / 2 + 1);
  uint64_t rows_before_the_second_half = 0;
  answer.before_piece = [&](std::size_t index) {
    if (index == 1) rows_before_the_second_half = consumer.rows();
  };
  const auto result = read_answer(answer, consumer, "log analytics");
  EXPECT_GT(rows_before_the_second_half, 0u) << "the first half was decoded before the second was read";
  EXPECT_EQ(result.rows, 200u);
  EXPECT_EQ(consumer.rows(), 200u);
  EXPECT_EQ(result.bytes, body.size());
}

TEST(AzureReadAnswer, AConsumerThatStopsEndsTheTransfer) {
  ScriptedTransport transport;
  transport.piece_size = 16 * 1024;
  const std::string body = answer_of(100'000);
  transport.respond(200, body);
  CountingConsumer consumer;
  consumer.stop_at = 3;
  const auto result = read_answer(transport, a_plan(), no_call(), consumer, "log analytics");
  EXPECT_TRUE(result.stopped);
  EXPECT_EQ(consumer.rows(), 3u);
  EXPECT_LT(transport.pieces_sent, body.size() / transport.piece_size / 2)
      << "the transfer stopped soon after the consumer, not at the end of the body";
}

TEST(AzureReadAnswer, AnErrorStatusIsAnAzureErrorAndNoRows) {
  ScriptedTransport transport;
  transport.respond(400, read_vector("log-analytics/error.400.semantic-unknown-column.json"));
  CountingConsumer consumer;
  const sdk::Error e =
      error_of([&] { read_answer(transport, a_plan(), no_call(), consumer, "log analytics"); });
  EXPECT_EQ(e.status(), TINKR_INVALID_QUERY);
  EXPECT_NE(std::string(e.what()).find("log analytics"), std::string::npos) << e.what();
  EXPECT_EQ(consumer.rows(), 0u);
}

TEST(AzureReadAnswer, ATransferCutShortIsReportedAsSuchNotAsBadJson) {
  const std::string body = answer_of(50);
  PiecedAnswer answer(sdk::HttpResponse{200, {}, body}, body.size() / 2);
  answer.before_piece = [](std::size_t index) {
    if (index == 1)
      throw sdk::Error(TINKR_UPSTREAM_UNAVAILABLE, "response from api.loganalytics.io:443 was cut short",
                       true);
  };
  CountingConsumer consumer;
  const sdk::Error e = error_of([&] { read_answer(answer, consumer, "log analytics"); });
  EXPECT_EQ(e.status(), TINKR_UPSTREAM_UNAVAILABLE);
  EXPECT_NE(std::string(e.what()).find("cut short"), std::string::npos) << e.what();
  EXPECT_GT(consumer.rows(), 0u) << "the rows before the cut were delivered";
}

TEST(AzureReadAnswer, AGarbledSuccessIsAnErrorNamingTheOffset) {
  ScriptedTransport transport;
  transport.respond(200,
                    R"({"tables":[{"name":"t","columns":[{"name":"a","type":"long"}],"rows":[[1],oops]}]})");
  CountingConsumer consumer;
  const sdk::Error e =
      error_of([&] { read_answer(transport, a_plan(), no_call(), consumer, "log analytics"); });
  EXPECT_EQ(e.status(), TINKR_UPSTREAM_UNAVAILABLE);
  EXPECT_NE(std::string(e.what()).find("not valid JSON at offset"), std::string::npos) << e.what();
  EXPECT_EQ(consumer.rows(), 1u);
}

TEST(AzureReadAnswer, AConsumerFailureComesBackAndTheTransferEnds) {
  ScriptedTransport transport;
  transport.piece_size = 16 * 1024;
  const std::string body = answer_of(100'000);
  transport.respond(200, body);
  CountingConsumer consumer;
  consumer.throw_at = 2;
  const sdk::Error e =
      error_of([&] { read_answer(transport, a_plan(), no_call(), consumer, "log analytics"); });
  EXPECT_EQ(e.status(), TINKR_INTERNAL);
  EXPECT_STREQ(e.what(), "the consumer failed on purpose");
  EXPECT_LT(transport.pieces_sent, body.size() / transport.piece_size / 2);
}

TEST(AzureReadAnswer, ABodyInOnePieceIsDecodedWhole) {
  const std::string body = answer_of(5);
  PiecedAnswer answer(sdk::HttpResponse{200, {}, body}, body.size());
  CountingConsumer consumer;
  const auto result = read_answer(answer, consumer, "log analytics");
  EXPECT_EQ(result.rows, 5u) << "never a silent empty result";
}

TEST(AzureReadAnswer, AParseErrorGivesWayToTheTransfersOwnErrorAfterIt) {
  // Bad JSON, then the transfer fails: the transfer's error names the cause (a garbled gzip body
  // inflates into bad JSON before its checksum fails).
  const std::string body =
      R"({"tables":[{"name":"t","columns":[{"name":"a","type":"long"}],"rows":[[1],oops)"
      R"(                                                                         ]]}]})";
  PiecedAnswer answer(sdk::HttpResponse{200, {}, body}, body.size() / 2);
  answer.before_piece = [](std::size_t index) {
    if (index == 1)
      throw sdk::Error(TINKR_UPSTREAM_UNAVAILABLE, "the answer is not valid gzip: incorrect data check");
  };
  CountingConsumer consumer;
  const sdk::Error e = error_of([&] { read_answer(answer, consumer, "log analytics"); });
  EXPECT_NE(std::string(e.what()).find("incorrect data check"), std::string::npos) << e.what();
}

TEST(AzureReadAnswer, NoContentIsNoData) {
  ScriptedTransport transport;
  transport.respond(204, "");
  CountingConsumer consumer;
  const auto result = read_answer(transport, a_plan(), no_call(), consumer, "log analytics");
  EXPECT_EQ(result.tables, 0u);
  EXPECT_EQ(consumer.rows(), 0u);
}

}  // namespace
}  // namespace tinkr::azure
