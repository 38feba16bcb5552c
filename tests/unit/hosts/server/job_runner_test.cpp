// run_job without sockets: a query's reply is written as the backend's results arrive (never
// collected first), in the same bytes as the collected answer's JSON and NDJSON.
#include "job_runner.hpp"

#include "common/record_json.hpp"
#include "common/result_json.hpp"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <mutex>

namespace tinkr::server {
namespace {

using namespace std::chrono_literals;

LogRecord log_record(int n) {
  LogRecord log;
  log.time_ns = 1'796'000'000'000'000'000 + n;
  log.severity_number = 17;
  log.severity_text = "Error";
  log.service = "payments-api";
  log.body = "record \"" + std::to_string(n) + "\"\n";  // needs escaping
  log.trace_id = "trace-" + std::to_string(n);
  log.attributes_json = R"({"i":)" + std::to_string(n) + "}";
  return log;
}

// What the backend answers: a record, a table, another record, a row without a head... in an order no
// collected answer keeps, so that the written reply must sort them as result_to_json does.
QueryResult mixed_answer() {
  QueryResult result;
  result.records = {log_record(1), log_record(2)};
  result.tables.push_back(
      Table{"PrimaryResult", {{"n", "long"}, {"text", "string"}}, {{"1", "a"}, {"2", std::nullopt}}});
  result.tables.push_back(Table{"Second", {{"ok", "bool"}}, {{"true"}}});
  result.stats.received = 2;
  result.stats.delivered = 2;
  result.stats.warnings = {"partial result: one shard did not answer"};
  return result;
}

// Streams mixed_answer() through the sink as a plugin would; collect() must not be called at all.
class StreamingBackend final : public QueryBackend {
 public:
  Expected<ir::Query> build(const QuerySpec&) const override { return ir::Query{}; }
  Expected<RunStats> run(const ir::Query&, ResultSink& sink, const RunOptions&) override {
    const auto answer = mixed_answer();
    sink.on_record(Record(answer.records[0]));
    sink.on_table_begin(answer.tables[0].name, answer.tables[0].columns);
    for (auto row : answer.tables[0].rows) sink.on_table_row(std::move(row));
    sink.on_record(Record(answer.records[1]));
    sink.on_table_begin(answer.tables[1].name, answer.tables[1].columns);
    for (auto row : answer.tables[1].rows) sink.on_table_row(std::move(row));
    for (const auto& warning : answer.stats.warnings) sink.on_warning(warning);
    return answer.stats;
  }
  Expected<QueryResult> collect(const ir::Query&, const RunOptions&) override {
    return fail(Error::Code::internal, "collect: a reply must be written as the results arrive");
  }
  Expected<Explanation> explain(const ir::Query&) override { return Explanation{}; }
  Expected<Health> check_health() override { return read_health("{}"); }
  const BackendInfo& info() const override { return info_; }

 private:
  BackendInfo info_{"streaming", "1.0", "1.0", "", "{}"};
};

// Keeps what the job answers.
class RecordingOutput final : public JobOutput {
 public:
  void respond(Response response) override { this->response = std::move(response); }
  bool stream(std::string chunk, bool last) override {
    std::lock_guard lock(mutex);
    streamed += chunk;
    ++chunks;
    finished = last;
    return true;
  }

  std::optional<Response> response;
  std::mutex mutex;
  std::string streamed;
  int chunks = 0;
  bool finished = false;
};

class JobRunnerTest : public ::testing::Test {
 protected:
  void run(const Job& job) { run_job(job, services_, output_, CancelSource{}, 5000ms); }

  StreamingBackend backend_;
  ServerMetrics metrics_;
  Services services_{backend_, metrics_, nullptr, "{}"};
  RecordingOutput output_;
};

TEST_F(JobRunnerTest, AJsonReplyIsWrittenAsResultsArriveInTheCollectedAnswersBytes) {
  Job job;
  run(job);
  ASSERT_TRUE(output_.response) << "the job answered nothing";
  EXPECT_EQ(output_.response->result_int(), 200) << output_.response->body();
  EXPECT_EQ(output_.response->body(), host::result_to_json(mixed_answer()));
}

TEST_F(JobRunnerTest, AnNdjsonReplyIsWrittenStraightIntoItsChunksInTheLinesFormat) {
  Job job;
  job.stream = true;
  run(job);
  const auto answer = mixed_answer();
  const auto kinds = host::cell_kinds(answer.tables[0].columns);
  std::string expected = host::record_to_json(answer.records[0]) + "\n" +
                         host::table_line(answer.tables[0].name, answer.tables[0].columns);
  for (const auto& row : answer.tables[0].rows) expected += host::row_line(kinds, row);
  expected += host::record_to_json(answer.records[1]) + "\n" +
              host::table_line(answer.tables[1].name, answer.tables[1].columns) +
              host::row_line(host::cell_kinds(answer.tables[1].columns), answer.tables[1].rows[0]) +
              host::warning_line(answer.stats.warnings[0]) + host::stats_line(answer.stats);
  EXPECT_FALSE(output_.response) << "a streamed reply has no whole response";
  EXPECT_TRUE(output_.finished);
  EXPECT_EQ(output_.streamed, expected);
}

// A native table of `rows` rows of about 50 bytes each, then `outcome`; notes whether any chunk had
// reached the output before the backend finished.
struct RowsBackend final : QueryBackend {
  RowsBackend(int rows, RecordingOutput& output, Expected<RunStats> outcome = RunStats{})
      : rows(rows), output(output), outcome(std::move(outcome)) {}
  Expected<ir::Query> build(const QuerySpec&) const override { return ir::Query{}; }
  Expected<RunStats> run(const ir::Query&, ResultSink& sink, const RunOptions&) override {
    const auto answer = as_collected();
    sink.on_table_begin(answer.tables[0].name, answer.tables[0].columns);
    for (auto row : answer.tables[0].rows) sink.on_table_row(std::move(row));
    std::lock_guard lock(output.mutex);
    rows_seen_before_end = output.chunks > 0;
    return outcome;
  }
  QueryResult as_collected() const {
    QueryResult result;
    result.tables.push_back(Table{"PrimaryResult", {{"n", "long"}, {"text", "string"}}, {}});
    for (int i = 0; i < rows; ++i) result.tables[0].rows.push_back({std::to_string(i), std::string(40, 'x')});
    return result;
  }
  Expected<QueryResult> collect(const ir::Query&, const RunOptions&) override { return QueryResult{}; }
  Expected<Explanation> explain(const ir::Query&) override { return Explanation{}; }
  Expected<Health> check_health() override { return read_health("{}"); }
  const BackendInfo& info() const override { return info_; }

  int rows;
  RecordingOutput& output;
  Expected<RunStats> outcome;
  bool rows_seen_before_end = false;
  BackendInfo info_{"rows", "1.0", "1.0", "", "{}"};
};

// A fault of the server's own, naming a file only its operator should see.
Error server_fault() {
  return Error(Error::Code::internal, "sqlite: cannot open /var/lib/tinkr/secret.db");
}

TEST_F(JobRunnerTest, ANativeTablesRowsReachTheClientBeforeTheBackendHasFinished) {
  // A table longer than a chunk: its first rows are on their way while the backend still works.
  RowsBackend backend(5000, output_);
  Services services{backend, metrics_, nullptr, "{}"};
  Job job;
  job.stream = true;
  run_job(job, services, output_, CancelSource{}, 5000ms);
  EXPECT_TRUE(backend.rows_seen_before_end) << "the table was held until the backend finished";
  EXPECT_TRUE(output_.finished);
  EXPECT_NE(output_.streamed.find(R"({"type":"row","cells":[4999,")"), std::string::npos);
}

TEST_F(JobRunnerTest, AJsonReplyPastAMebibyteGoesInChunksAndReadsAsTheWholeReply) {
  RowsBackend backend(30000, output_);  // about 1.6 MB of JSON
  Services services{backend, metrics_, nullptr, "{}"};
  run_job(Job{}, services, output_, CancelSource{}, 5000ms);
  EXPECT_FALSE(output_.response) << "a big reply was built whole";
  EXPECT_TRUE(backend.rows_seen_before_end) << "the table was held until the backend finished";
  EXPECT_TRUE(output_.finished);
  EXPECT_GT(output_.chunks, 2);
  rapidjson::Document sent, whole;
  sent.Parse(output_.streamed.c_str());
  whole.Parse(host::result_to_json(backend.as_collected()).c_str());
  ASSERT_FALSE(sent.HasParseError()) << output_.streamed.substr(0, 200);
  EXPECT_TRUE(sent == whole) << "the chunks joined do not hold the whole reply's members";
}

TEST_F(JobRunnerTest, AJsonReplyThatFailsAfterItsFirstChunkEndsWithTheErrorAsClientsSeeIt) {
  RowsBackend backend(30000, output_, Unexpected(server_fault()));
  Services services{backend, metrics_, nullptr, "{}"};
  run_job(Job{}, services, output_, CancelSource{}, 5000ms);
  EXPECT_FALSE(output_.response);
  ASSERT_TRUE(output_.finished);
  rapidjson::Document sent;
  sent.Parse(output_.streamed.c_str());
  ASSERT_FALSE(sent.HasParseError()) << output_.streamed.substr(output_.streamed.size() - 200);
  EXPECT_EQ(sent["tables"][0]["rows"].Size(), 30000u) << "the rows sent before the failure are lost";
  EXPECT_STREQ(sent["error"]["code"].GetString(), "internal");
  EXPECT_EQ(output_.streamed.find("secret.db"), std::string::npos)
      << "a server fault's text reached the client";
}

TEST_F(JobRunnerTest, AnNdjsonReplyThatFailsMidwayHidesAServerFaultsText) {
  RowsBackend backend(10, output_, Unexpected(server_fault()));
  Services services{backend, metrics_, nullptr, "{}"};
  Job job;
  job.stream = true;
  run_job(job, services, output_, CancelSource{}, 5000ms);
  ASSERT_TRUE(output_.finished);
  EXPECT_NE(output_.streamed.find(R"({"type":"error","error":{"code":"internal")"), std::string::npos)
      << output_.streamed;
  EXPECT_EQ(output_.streamed.find("secret.db"), std::string::npos)
      << "a server fault's text reached the client";
}

TEST_F(JobRunnerTest, ASmallJsonReplyThatFailsIsAnErrorReplyWithItsStatus) {
  RowsBackend backend(10, output_, Unexpected(Error(Error::Code::throttled, "the workspace is busy")));
  Services services{backend, metrics_, nullptr, "{}"};
  run_job(Job{}, services, output_, CancelSource{}, 5000ms);
  ASSERT_TRUE(output_.response) << "a small failed reply went in chunks";
  EXPECT_EQ(output_.response->result_int(), 429);
  EXPECT_EQ(output_.chunks, 0);
}

}  // namespace
}  // namespace tinkr::server
