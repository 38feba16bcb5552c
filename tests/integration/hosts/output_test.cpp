// What the tinkr binary prints, locally and through tinkr-server (mock backend): typed native rows,
// partial answers marked in the output and exit code 13, --limit 0 refused, a limit reached said, and
// remote json and ndjson the same bytes as local, with a broken server's answer refused.
#include "canned_reply_server.hpp"
#include "process.hpp"
#include "server_fixture.hpp"

#include <rapidjson/document.h>

namespace tinkr::testing {
namespace {

constexpr int kExitPartial = 13;

rapidjson::Document parse(const std::string& text) {
  rapidjson::Document document;
  document.Parse(text.c_str());
  EXPECT_FALSE(document.HasParseError()) << text;
  return document;
}

std::string last_line(const std::string& text) {
  const std::size_t end = text.size() - (text.ends_with('\n') ? 1 : 0);
  const std::size_t start = text.rfind('\n', end == 0 ? 0 : end - 1);
  return text.substr(start == std::string::npos ? 0 : start + 1,
                     end - (start == std::string::npos ? 0 : start + 1));
}

class OutputTest : public ServerFixture {
 protected:
  // Local mode (the mock from the environment) or, with remote, through the in-process server.
  ProcessResult tinkr(std::vector<std::string> args, bool remote = false) {
    return tinkr_via(remote ? server_url() : "", std::move(args));
  }
  // Through the server at `server_url`; local mode when it is empty.
  ProcessResult tinkr_via(const std::string& server_url, std::vector<std::string> args) {
    if (!server_url.empty()) args.insert(args.begin(), {"--server", server_url});
    return run_process(TINKR_CLI_PATH, args,
                       {{"HOME", home_.path()},
                        {"TINKR_BACKEND", "mock"},
                        {"TINKR_PLUGIN_PATH", TINKR_PLUGIN_DIR},
                        {"TINKR_TOKEN", kOncallKey},
                        {"NO_COLOR", "1"}});
  }
  std::string server_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  TempDir home_;
};

// An answer cut short after its records: json ends with an error record marked partial, exit 13.
TEST_F(OutputTest, ACutAnswerIsMarkedPartialLocallyAndRemotely) {
  for (bool remote : {false, true}) {
    auto run = tinkr({"-o", "json", "logs", "cut-upstream_unavailable", "--limit", "5"}, remote);
    EXPECT_EQ(run.exit_code, kExitPartial) << "remote=" << remote << " " << run.err;
    auto document = parse(run.out);
    ASSERT_TRUE(document.IsArray() && document.Size() == 6u) << "remote=" << remote << " " << run.out;
    EXPECT_STREQ(document[0]["type"].GetString(), "log");
    EXPECT_STREQ(document[5]["type"].GetString(), "error") << run.out;
    EXPECT_TRUE(document[5]["partial"].GetBool());
    EXPECT_STREQ(document[5]["error"]["code"].GetString(), "upstream_unavailable");
    EXPECT_NE(run.err.find("incomplete"), std::string::npos) << run.err;
  }
}

// A partial result (a warning from the backend): the last ndjson line is the warning, exit 13.
TEST_F(OutputTest, APartialResultEndsTheNdjsonWithItsWarning) {
  for (bool remote : {false, true}) {
    auto run = tinkr({"-o", "ndjson", "logs", "partial", "--limit", "3"}, remote);
    EXPECT_EQ(run.exit_code, kExitPartial) << "remote=" << remote << " " << run.err;
    auto marker = parse(last_line(run.out));
    ASSERT_TRUE(marker.IsObject()) << run.out;
    EXPECT_STREQ(marker["type"].GetString(), "warning") << run.out;
    EXPECT_NE(std::string(marker["message"].GetString()).find("partial result"), std::string::npos);
  }
}

// Native rows: one object per line keyed by column name, numbers as numbers, through the server too.
TEST_F(OutputTest, NativeNdjsonRowsAreTypedObjects) {
  for (bool remote : {false, true}) {
    auto run = tinkr({"-o", "ndjson", "query", "--native", "select", "--limit", "2"}, remote);
    ASSERT_EQ(run.exit_code, 0) << "remote=" << remote << " " << run.err;
    EXPECT_EQ(run.out,
              "{\"n\":0,\"text\":\"select\",\"maybe\":null}\n{\"n\":1,\"text\":\"select\",\"maybe\":null}\n")
        << "remote=" << remote;
  }
}

// The server's NDJSON streams a table as a head line and one typed row line per row.
TEST_F(OutputTest, TheServerStreamsATableRowByRow) {
  auto reply =
      call("POST", "/api/v1/query", R"({"native":"select","limit":2})", kOncallKey, "application/x-ndjson");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.body,
            "{\"type\":\"table\",\"name\":\"PrimaryResult\",\"columns\":[{\"name\":\"n\",\"type\":\"long\"},"
            "{\"name\":\"text\",\"type\":\"string\"},{\"name\":\"maybe\",\"type\":\"string\"}]}\n"
            "{\"type\":\"row\",\"cells\":[0,\"select\",null]}\n"
            "{\"type\":\"row\",\"cells\":[1,\"select\",null]}\n" +
                last_line(reply.body) + "\n");
  auto json = call("POST", "/api/v1/query", R"({"native":"select","limit":2})", kOncallKey);
  ASSERT_EQ(json.status, 200) << json.body;
  auto document = parse(json.body);
  EXPECT_TRUE(document["tables"][0]["rows"][1][0].IsInt64()) << json.body;
}

TEST_F(OutputTest, LimitZeroIsRefusedWithTheReason) {
  auto run = tinkr({"logs", "svc", "--limit", "0"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("at least 1"), std::string::npos) << run.err;
}

TEST_F(OutputTest, AReachedLimitIsSaidOnStderr) {
  for (bool remote : {false, true}) {
    auto run = tinkr({"-o", "json", "logs", "svc", "--limit", "4"}, remote);
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_NE(run.err.find("showing 4 results"), std::string::npos) << "remote=" << remote << " " << run.err;
    EXPECT_EQ(parse(run.out).Size(), 4u) << "stdout holds the data only";
    auto one = tinkr({"-o", "json", "logs", "svc", "--limit", "1"}, remote);
    EXPECT_NE(one.err.find(" 1 result"), std::string::npos) << "remote=" << remote << " " << one.err;
    EXPECT_EQ(one.err.find("1 results"), std::string::npos) << "one result is not 'results'";
  }
}

// Remote -o json and -o ndjson print the server's record lines as they came (issue 15.3): the same
// bytes as local mode, and a garbled or cut answer is a clear error, never a silent partial result.

// Fixed times, so that the mock answers the same records to local and remote runs.
std::vector<std::string> with_window(std::vector<std::string> args) {
  for (const char* arg : {"--from", "2026-11-25T09:00:00Z", "--to", "2026-11-25T10:00:00Z"})
    args.emplace_back(arg);
  return args;
}

std::string url_of(const CannedReplyServer& server) {
  return "http://127.0.0.1:" + std::to_string(server.port());
}

TEST_F(OutputTest, RemoteJsonAndNdjsonAreByteForByteLocal) {
  const std::vector<std::vector<std::string>> queries = {
      {"logs", "payments-api", "--limit", "40"},
      {"logs", "payments-api", "body:timeout", "--limit", "5"},
      {"traces", "checkout", "--limit", "7"},
      {"metrics", "payments-api", "requests,errors"},
  };
  for (const std::string_view format : {"json", "ndjson"})
    for (auto query : queries) {
      query.insert(query.begin(), {"-o", std::string(format)});
      const auto local = tinkr_via("", with_window(query));
      const auto remote = tinkr_via(server_url(), with_window(query));
      ASSERT_EQ(local.exit_code, 0) << query[2] << ": " << local.err;
      ASSERT_EQ(remote.exit_code, 0) << query[2] << ": " << remote.err;
      EXPECT_GT(local.out.size(), 100u) << query[2] << " -o " << format << " printed records";
      EXPECT_EQ(remote.out, local.out) << query[2] << " -o " << format;
    }
}

// A record line is printed as the server wrote it, not rebuilt: a member this CLI does not know (from a
// newer server) stays, and nothing is added or reordered.
TEST_F(OutputTest, ARecordLineIsPrintedAsTheServerWroteIt) {
  const std::string line = R"({"type":"log","time_ns":1795599000000000000,"service":"api","body":"ok",)"
                           R"("resource":{"region":"westeurope"}})";
  CannedReplyServer server(ndjson_reply_until_close(
      line + "\n" + R"({"type":"end","stats":{"received":1,"delivered":1}})" + "\n"));
  const auto ndjson = tinkr_via(url_of(server), with_window({"-o", "ndjson", "logs", "api"}));
  ASSERT_EQ(ndjson.exit_code, 0) << ndjson.err;
  EXPECT_EQ(ndjson.out, line + "\n");
  const auto json = tinkr_via(url_of(server), with_window({"-o", "json", "logs", "api"}));
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(json.out, "[\n  " + line + "\n]\n");
}

// Records, then an answer that stops without its end line: the records stand, marked incomplete.
TEST_F(OutputTest, ACutAnswerEndsInAClearErrorAndExitCode) {
  const std::string record1 =
      R"({"type":"log","time":"2026-11-25T09:30:00.000Z","time_ns":1795599000000000000,)"
      R"("severity":"info","severity_number":9,"service":"api","body":"first"})";
  const std::string record2 =
      R"({"type":"log","time":"2026-11-25T09:30:01.000Z","time_ns":1795599001000000000,)"
      R"("severity":"info","severity_number":9,"service":"api","body":"second"})";
  for (const std::string& body :
       {record1 + "\n" + record2 + "\n", record1 + "\n" + record2 + "\n{\"type\":\"log\",\"bo"}) {
    CannedReplyServer cut(ndjson_reply_until_close(body));
    const auto run = tinkr_via(url_of(cut), with_window({"-o", "ndjson", "logs", "api"}));
    EXPECT_EQ(run.exit_code, kExitPartial) << run.err;
    EXPECT_TRUE(run.out.starts_with(record1 + "\n" + record2 + "\n")) << "the records as sent: " << run.out;
    EXPECT_NE(run.out.find(R"({"type":"error","partial":true)"), std::string::npos) << run.out;
    EXPECT_EQ(run.out.find("\"bo\n"), std::string::npos) << "the cut line is not printed: " << run.out;
    const bool mid_line = body.back() != '\n';
    EXPECT_NE(
        run.err.find(mid_line ? "NDJSON line is not a JSON object" : "the reply ended before its last line"),
        std::string::npos)
        << run.err;
    EXPECT_NE(run.err.find("incomplete"), std::string::npos) << run.err;
  }
}

// A garbled line in the middle, and one with a raw escape sequence: an error naming the cause, the
// line never printed, nothing after it printed as if all were well.
TEST_F(OutputTest, AGarbledLineIsAnErrorAndNeverPrinted) {
  const std::string good = R"({"type":"log","time_ns":1795599000000000000,"service":"api","body":"ok"})";
  const std::string end = R"({"type":"end","stats":{"received":3,"delivered":3}})";
  struct Case {
    std::string line, cause;
  };
  const Case cases[] = {
      {R"({"type":"log","time_ns":17955,"body":"x"}})", "NDJSON line is not a JSON object"},
      {R"({"type":"log","time_ns":"soon","body":"x"})", "'time_ns' must be a whole number"},
      {"{\"type\":\"log\",\"body\":\"\x1b]0;owned\x07\"}", "raw control character"},
  };
  for (const auto& c : cases) {
    CannedReplyServer garbled(
        ndjson_reply_until_close(good + "\n" + c.line + "\n" + good + "\n" + end + "\n"));
    for (const std::string_view format : {"json", "ndjson"}) {
      const auto run = tinkr_via(url_of(garbled), with_window({"-o", std::string(format), "logs", "api"}));
      EXPECT_EQ(run.exit_code, kExitPartial) << c.cause << ": " << run.err;
      EXPECT_NE(run.err.find(c.cause), std::string::npos) << run.err;
      EXPECT_EQ(run.out.find(c.line), std::string::npos) << "the bad line is not printed: " << run.out;
      EXPECT_EQ(run.out.find('\x1b'), std::string::npos) << "no raw escape reaches stdout";
      EXPECT_NE(run.out.find(R"("partial":true)"), std::string::npos) << run.out;
    }
  }
}

}  // namespace
}  // namespace tinkr::testing
