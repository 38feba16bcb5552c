// What the tinkr binary prints, locally and through tinkr-server (mock backend): typed native rows,
// partial answers marked in the output and exit code 13, --limit 0 refused, a limit reached said.
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
    if (remote) args.insert(args.begin(), {"--server", "http://127.0.0.1:" + std::to_string(port_)});
    return run_process(TINKR_CLI_PATH, args,
                       {{"HOME", home_.path()},
                        {"TINKR_BACKEND", "mock"},
                        {"TINKR_PLUGIN_PATH", TINKR_PLUGIN_DIR},
                        {"TINKR_TOKEN", kOncallKey},
                        {"NO_COLOR", "1"}});
  }
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

}  // namespace
}  // namespace tinkr::testing
