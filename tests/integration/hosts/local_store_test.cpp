// The CLI and tinkr-server binaries over the local store (HOME's ~/.tinkr/local.db): regexes and globs
// over 30,000-character messages (issue 13 items 1-2), regexes answered in SQL on the demo data
// (issue 12 item 5), `tinkr demo` twice (item 9), and what `tinkr ingest` accepts (item 13).
#include "process.hpp"

#include "common/http_client.hpp"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <chrono>
#include <csignal>
#include <fstream>
#include <iterator>
#include <set>

namespace tinkr::testing {
namespace {

#ifdef TINKR_HAVE_LOCAL_PLUGIN

class LocalStore : public ::testing::Test {
 protected:
  ProcessResult tinkr(const std::vector<std::string>& args) {
    return run_process(TINKR_CLI_PATH, args, env());
  }
  std::map<std::string, std::string> env() const {
    return {{"HOME", home_.path()}, {"TINKR_PLUGIN_PATH", TINKR_PLUGIN_DIR}, {"NO_COLOR", "1"}};
  }
  static std::string log_line(const std::string& service, const std::string& body) {
    const auto now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    return R"({"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":")" +
           service + R"("}}]},"scopeLogs":[{"logRecords":[{"timeUnixNano":")" +
           std::to_string(now - 60'000'000'000) + R"(","body":{"stringValue":")" + body + "\"}}]}]}]}\n";
  }
  TempDir home_;
};

std::size_t records_in(const std::string& json) {
  rapidjson::Document document;
  document.Parse(json.c_str());
  if (document.IsArray()) return document.Size();
  if (document.IsObject() && document.HasMember("records") && document["records"].IsArray())
    return document["records"].Size();
  ADD_FAILURE() << "not a JSON answer: " << json.substr(0, 300);
  return 0;
}

TEST_F(LocalStore, LongMessagesSurviveRegexesAndGlobsInTheCliAndTheServer) {
  const std::string file =
      home_.write("long.jsonl", log_line("s", std::string(30'000, 'a')) +
                                    log_line("s", std::string(27, 'a') + "!") + log_line("s", "short"));
  auto stored = tinkr({"ingest", file});
  ASSERT_EQ(stored.exit_code, 0) << stored.err;

  auto anchored = tinkr({"-o", "json", "logs", "s", "message:/^a*$/"});
  ASSERT_EQ(anchored.exit_code, 0) << "std::regex overflowed the stack here: " << anchored.err;
  EXPECT_EQ(records_in(anchored.out), 1u);
  auto glob = tinkr({"-o", "json", "logs", "s", "message:*aaa*b*"});
  ASSERT_EQ(glob.exit_code, 0) << glob.err;
  EXPECT_EQ(records_in(glob.out), 0u);
  auto bad = tinkr({"logs", "s", "message:/(a)\\1/"});
  EXPECT_EQ(bad.exit_code, 3) << "a backreference is not RE2: " << bad.err;
  EXPECT_NE(bad.err.find("invalid regex"), std::string::npos) << bad.err;

  ChildProcess server(TINKR_SERVER_PATH, {"--no-auth", "--port", "0", "--quiet"}, env());
  const std::string line = server.read_line();
  const auto colon = line.rfind(':', line.find(" (backend"));
  ASSERT_NE(colon, std::string::npos) << line;
  const host::HttpEndpoint endpoint{"127.0.0.1", line.substr(colon + 1, line.find(' ', colon) - colon - 1),
                                    ""};
  auto post = [&](const std::string& query) {
    host::HttpCall call;
    call.method = "POST";
    call.target = "/api/v1/logs";
    call.body = R"({"service":"s","since":"1h","query":")" + query + "\"}";
    return host::http_call(endpoint, call);
  };
  auto star = post("message:/^a*$/");
  ASSERT_TRUE(star) << star.error().message();
  EXPECT_EQ(star->status, 200) << star->body.substr(0, 300);
  const auto started = std::chrono::steady_clock::now();
  auto nested = post("message:/(a+)+$/");  // exponential for a backtracking engine
  ASSERT_TRUE(nested) << nested.error().message();
  EXPECT_EQ(nested->status, 200) << nested->body.substr(0, 300);
  // A backtracking engine takes longer than the age of the universe on 30,000 characters; RE2 takes
  // milliseconds. The bound is loose so that a loaded 2-core CI machine never trips it.
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(30));
  auto glob_reply = post("message:*aaa*b*");
  ASSERT_TRUE(glob_reply) << glob_reply.error().message();
  EXPECT_EQ(glob_reply->status, 200);
  host::HttpCall health;
  health.target = "/healthz";
  auto alive = host::http_call(endpoint, health);
  ASSERT_TRUE(alive) << "the server died: " << alive.error().message();
  EXPECT_EQ(alive->status, 200);
  server.signal(SIGTERM);
  EXPECT_EQ(server.wait(), 0);
}

// `tinkr schema TABLE` on the local database: its columns with their SQLite types, before any data.
TEST_F(LocalStore, SchemaListsALocalTablesColumnsAndNamesTheTablesThereAre) {
  auto schema = tinkr({"-o", "json", "schema", "logs"});
  ASSERT_EQ(schema.exit_code, 0) << schema.err;
  rapidjson::Document document;
  document.Parse(schema.out.c_str());
  ASSERT_TRUE(document.IsArray() && document.Size() == 1u) << schema.out;
  const auto& rows = document[0]["rows"];
  ASSERT_GT(rows.Size(), 5u) << schema.out;
  EXPECT_STREQ(rows[0][0].GetString(), "logs");
  EXPECT_STREQ(rows[0][1].GetString(), "local");
  EXPECT_STREQ(rows[0][2].GetString(), "time_unix_nano");
  EXPECT_STREQ(rows[0][3].GetString(), "INTEGER");
  auto unknown = tinkr({"schema", "log"});
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_NE(unknown.err.find("the local database has no table 'log'; its tables: ingested_files, logs, "
                             "metric_points, spans"),
            std::string::npos)
      << unknown.err;
}

TEST_F(LocalStore, DemoRegexIsAnsweredInSqlAndFindsEveryDatabaseTimeout) {
  ASSERT_EQ(tinkr({"demo"}).exit_code, 0);
  auto regex = tinkr(
      {"-o", "json", "logs", "payments-api", "message:/time(d )?out/", "--since", "2h", "--limit", "5000"});
  ASSERT_EQ(regex.exit_code, 0) << regex.err;
  auto contains =
      tinkr({"-o", "json", "logs", "payments-api", "message:timeout", "--since", "2h", "--limit", "5000"});
  ASSERT_EQ(contains.exit_code, 0) << contains.err;
  const std::size_t found = records_in(regex.out);
  EXPECT_GT(found, 500u) << "the hour's database timeouts; stderr: " << regex.err;
  EXPECT_EQ(found, records_in(contains.out));
  EXPECT_EQ(regex.err.find("incomplete"), std::string::npos) << regex.err;
}

TEST_F(LocalStore, DemoTwiceKeepsEveryTraceWhole) {
  ASSERT_EQ(tinkr({"demo"}).exit_code, 0);
  ASSERT_EQ(tinkr({"demo"}).exit_code, 0);
  auto failed = tinkr({"-o", "json", "traces", "payments-api", "--failed", "--limit", "3"});
  ASSERT_EQ(failed.exit_code, 0) << failed.err;
  rapidjson::Document traces;
  traces.Parse(failed.out.c_str());
  ASSERT_TRUE(traces.IsArray() && traces.Size() > 0) << failed.out.substr(0, 300);
  for (const auto& trace : traces.GetArray()) {
    const std::string id = trace["trace_id"].GetString();
    auto tree = tinkr({"-o", "json", "trace", id});
    ASSERT_EQ(tree.exit_code, 0) << tree.err;
    rapidjson::Document spans;
    spans.Parse(tree.out.c_str());
    ASSERT_TRUE(spans.IsArray() && spans.Size() > 1) << tree.out.substr(0, 300);
    // The spans, then the trace's critical path as numbers: the sections the root's end waited on.
    const auto& path = spans[spans.Size() - 1];
    ASSERT_TRUE(path.IsObject() && path.HasMember("type") && path["type"] == "critical_path")
        << tree.out.substr(tree.out.size() > 300 ? tree.out.size() - 300 : 0);
    std::set<std::string> span_ids, roots;
    int64_t root_end = 0;
    for (rapidjson::SizeType i = 0; i + 1 < spans.Size(); ++i) {
      const auto& span = spans[i];
      EXPECT_TRUE(span_ids.insert(span["span_id"].GetString()).second) << "span twice in trace " << id;
      const bool root = !span.HasMember("parent_span_id") || span["parent_span_id"].GetStringLength() == 0;
      if (root) {
        roots.insert(span["span_id"].GetString());
        root_end = span["start_ns"].GetInt64() + span["duration_ns"].GetInt64();
      }
    }
    EXPECT_EQ(roots.size(), 1u) << "two requests under trace " << id;
    const auto& sections = path["sections"];
    ASSERT_TRUE(sections.IsArray() && sections.Size() > 0) << "trace " << id;
    for (const auto& section : sections.GetArray())
      EXPECT_TRUE(span_ids.contains(section["span_id"].GetString())) << "a section of another trace: " << id;
    EXPECT_EQ(sections[sections.Size() - 1]["end_ns"].GetInt64(), root_end)
        << "the path ends where the request ended, trace " << id;
  }
}

// `tinkr metrics payments-api http.server.duration --agg p50,p95,p99` on the demo data (issue 12 item
// 12): ranks of the server spans' durations, ordered in each bucket and within the histogram's range.
TEST_F(LocalStore, DemoRequestLatencyPercentilesLieBetweenTheBucketsMinAndMax) {
  ASSERT_EQ(tinkr({"demo"}).exit_code, 0);
  auto run = tinkr({"-o", "json", "metrics", "payments-api", "http.server.duration", "--agg",
                    "min,p50,p95,p99,max", "--since", "2h", "--interval", "5m"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  rapidjson::Document series;
  series.Parse(run.out.c_str());
  ASSERT_TRUE(series.IsArray() && series.Size() == 5) << run.out.substr(0, 300);
  const char* expected[] = {"min", "p50", "p95", "p99", "max"};
  for (rapidjson::SizeType i = 0; i < 5; ++i) {
    EXPECT_STREQ(series[i]["aggregation"].GetString(), expected[i]);
    EXPECT_STREQ(series[i]["unit"].GetString(), "ms");
  }
  // p50 <= p95 <= p99 in every bucket (all three rank the same spans); the histogram's min and max bound
  // them over the window only, since a request ending after its bucket's minute counts in the next one.
  const auto points = series[0]["points"].GetArray().Size();
  double lowest = 1e300, highest = 0;
  std::size_t with_requests = 0;
  for (rapidjson::SizeType b = 0; b < points; ++b) {
    if (series[0]["points"][b]["value"].IsNumber())
      lowest = std::min(lowest, series[0]["points"][b]["value"].GetDouble());
    if (series[4]["points"][b]["value"].IsNumber())
      highest = std::max(highest, series[4]["points"][b]["value"].GetDouble());
    if (!series[1]["points"][b]["value"].IsNumber()) continue;
    ++with_requests;
    for (rapidjson::SizeType i = 1; i < 3; ++i)
      EXPECT_LE(series[i]["points"][b]["value"].GetDouble(), series[i + 1]["points"][b]["value"].GetDouble())
          << expected[i] << " above " << expected[i + 1] << " in bucket " << b;
  }
  for (rapidjson::SizeType b = 0; b < points; ++b) {
    if (!series[1]["points"][b]["value"].IsNumber()) continue;
    EXPECT_GE(series[1]["points"][b]["value"].GetDouble(), lowest)
        << "p50 below the window's min, bucket " << b;
    EXPECT_LE(series[3]["points"][b]["value"].GetDouble(), highest)
        << "p99 above the window's max, bucket " << b;
  }
  EXPECT_GE(with_requests, 12u) << "the demo's hour holds requests in every 5 minutes";

  auto bad = tinkr({"metrics", "payments-api", "http.server.duration", "--agg", "p100"});
  EXPECT_EQ(bad.exit_code, 3) << "invalid_query; " << bad.err;
  EXPECT_NE(bad.err.find("percentile 'p100' is not valid"), std::string::npos) << bad.err;
  auto explain = tinkr({"metrics", "payments-api", "http.server.duration", "--agg", "p95", "--explain"});
  EXPECT_EQ(explain.exit_code, 0) << explain.err;
  EXPECT_NE(explain.out.find("FROM spans"), std::string::npos) << explain.out;
}

const char* kPrettyDocument = R"({
  "resourceLogs": [
    {
      "resource": { "attributes": [ { "key": "service.name", "value": { "stringValue": "pretty" } } ] },
      "scopeLogs": [ { "logRecords": [ { "timeUnixNano": "1544712660300000000",
                                         "body": { "stringValue": "Example log record" } } ] } ]
    }
  ]
}
)";

TEST_F(LocalStore, IngestTakesDocumentsAndStdinAndRefusesWhatIsNotData) {
  const std::string pretty = home_.write("logs.json", kPrettyDocument);
  auto first = tinkr({"ingest", pretty});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find(R"("logs":1)"), std::string::npos) << first.out;
  auto again = tinkr({"ingest", pretty});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("already ingested"), std::string::npos) << again.out;

  const std::string lines = home_.write("more.jsonl", log_line("piped", "from stdin"));
  auto piped = run_process("/bin/sh", {"-c", "exec \"$0\" ingest - < \"$1\"", TINKR_CLI_PATH, lines}, env());
  ASSERT_EQ(piped.exit_code, 0) << piped.err;
  EXPECT_NE(piped.out.find(R"(-: {"logs":1)"), std::string::npos) << piped.out;
  auto found = tinkr({"-o", "json", "logs", "piped"});
  EXPECT_EQ(records_in(found.out), 1u) << found.err;

  auto folder = tinkr({"ingest", home_.path()});
  EXPECT_EQ(folder.exit_code, 14) << folder.err;
  EXPECT_NE(folder.err.find("invalid_data"), std::string::npos) << folder.err;
  EXPECT_NE(folder.err.find("is a directory"), std::string::npos) << folder.err;

  auto broken = tinkr({"ingest", home_.write("broken.json", "{\"resourceLogs\": [")});
  EXPECT_EQ(broken.exit_code, 14) << broken.err;
  EXPECT_NE(broken.err.find("invalid_data"), std::string::npos) << broken.err;
  EXPECT_NE(broken.err.find("line 1: invalid JSON"), std::string::npos) << broken.err;
}

#endif

// Ctrl-C during `tinkr ingest -` ends it with exit 130, and nothing of the cut input is stored, even
// though the interrupted read looks like the end of the input to the stream.
TEST_F(LocalStore, CtrlCStopsAStreamingIngestAndKeepsNothing) {
  const std::string fifo = home_.path() + "/input.fifo";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  ChildProcess ingest("/bin/sh", {"-c", "exec \"$0\" ingest - < \"$1\"", TINKR_CLI_PATH, fifo}, env(),
                      home_.path() + "/ingest.err");
  const int writer = open(fifo.c_str(), O_WRONLY);  // returns once the shell has opened it to read
  ASSERT_GE(writer, 0);
  // Four times a pipe's buffer: when the last write returns, tinkr is reading the input.
  std::string lines;
  while (lines.size() < 256 * 1024) lines += log_line("interrupted", "a record of a cut input");
  ASSERT_EQ(write(writer, lines.data(), lines.size()), static_cast<ssize_t>(lines.size()));
  ingest.signal(SIGINT);
  close(writer);  // the end of the input comes after the interrupt, as when a user presses Ctrl-C
  EXPECT_EQ(ingest.wait(), 130);
  std::ifstream err_file(home_.path() + "/ingest.err");
  const std::string err((std::istreambuf_iterator<char>(err_file)), {});
  EXPECT_NE(err.find("cancelled; nothing was stored"), std::string::npos) << err;
  auto found = tinkr({"-o", "json", "logs", "interrupted"});
  EXPECT_NE(found.exit_code, 0) << "no record of the cut input is stored: " << found.out.substr(0, 300);
}

}  // namespace
}  // namespace tinkr::testing
