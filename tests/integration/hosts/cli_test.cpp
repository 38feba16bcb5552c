// The tinkr binary end to end: each output format, exit codes, --explain, the span tree, remote
// mode through an in-process tinkr-server, the tinkr-server binary itself, and the embedding example.
#include "process.hpp"
#include "server_fixture.hpp"

#include <rapidjson/document.h>

#include <algorithm>
#include <csignal>
#include <set>

namespace tinkr::testing {
namespace {

// The mock backend from the environment alone; HOME is empty so that no user config interferes.
class CliTest : public ::testing::Test {
 protected:
  ProcessResult tinkr(const std::vector<std::string>& args, std::map<std::string, std::string> env = {}) {
    env.emplace("HOME", home_.path());
    env.emplace("TINKR_BACKEND", "mock");
    env.emplace("TINKR_PLUGIN_PATH", TINKR_PLUGIN_DIR);
    env.emplace("NO_COLOR", "1");
    return run_process(TINKR_CLI_PATH, args, env);
  }
  TempDir home_;
};

std::size_t count_lines(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

TEST_F(CliTest, JsonOutputIsOneArrayOfRecords) {
  auto run = tinkr({"-o", "json", "logs", "payments-api", "--limit", "5"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  rapidjson::Document document;
  document.Parse(run.out.c_str());
  ASSERT_FALSE(document.HasParseError()) << run.out;
  ASSERT_TRUE(document.IsArray());
  EXPECT_EQ(document.Size(), 5u) << "--limit 5";
  EXPECT_STREQ(document[0]["service"].GetString(), "payments-api");
}

TEST_F(CliTest, NdjsonCsvAndTableOutput) {
  auto ndjson = tinkr({"-o", "ndjson", "logs", "svc", "--limit", "4"});
  ASSERT_EQ(ndjson.exit_code, 0) << ndjson.err;
  EXPECT_EQ(count_lines(ndjson.out), 4u);
  auto csv = tinkr({"-o", "csv", "logs", "svc", "--limit", "4"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out.substr(0, csv.out.find('\r')), "time,level,service,message,trace_id");
  EXPECT_EQ(count_lines(csv.out), 5u) << "a header and four rows";
  auto table = tinkr({"logs", "svc", "--limit", "4"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_EQ(table.out.rfind("TIME", 0), 0u) << table.out;
  EXPECT_EQ(table.out.find('\033'), std::string::npos) << "no colour when stdout is not a terminal";
}

TEST_F(CliTest, ExitCodesFollowTheTable) {
  EXPECT_EQ(tinkr({"logs", "fail-throttled"}).exit_code, 8);
  EXPECT_EQ(tinkr({"logs", "fail-not_found"}).exit_code, 5);
  EXPECT_EQ(tinkr({"logs", "fail-upstream_unavailable"}).exit_code, 9);
  EXPECT_EQ(tinkr({"logs", "fail-timeout"}).exit_code, 10);
  auto invalid = tinkr({"logs", "svc", "level>>"});
  EXPECT_EQ(invalid.exit_code, 3) << invalid.err;
  EXPECT_NE(invalid.err.find("invalid_query"), std::string::npos) << invalid.err;
  EXPECT_EQ(tinkr({"logs"}).exit_code, 2) << "a missing argument is a usage error";
  EXPECT_EQ(tinkr({"-o", "yaml", "logs", "svc"}).exit_code, 2);
  EXPECT_NE(tinkr({"logs", "svc"}, {{"TINKR_BACKEND", "no-such-plugin"}}).exit_code, 0)
      << "a missing plugin fails";
}

TEST_F(CliTest, HelpListsTheExitCodes) {
  auto help = tinkr({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("Exit codes:"), std::string::npos) << help.out;
  EXPECT_NE(help.out.find("130  cancelled"), std::string::npos) << help.out;
}

TEST_F(CliTest, ExplainPrintsTheNativeQueryAndSendsNothing) {
  auto text = tinkr({"logs", "fail-timeout", "level>=warn", "--explain"});
  EXPECT_EQ(text.exit_code, 0) << "explain never runs the query, so the failing service does not fail: "
                               << text.err;
  EXPECT_NE(text.out.find("native query (not sent):"), std::string::npos) << text.out;
  auto json = tinkr({"-o", "json", "traces", "svc", "--slow", "1s", "--explain"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  rapidjson::Document document;
  document.Parse(json.out.c_str());
  ASSERT_FALSE(document.HasParseError()) << json.out;
  EXPECT_TRUE(document["explain"].HasMember("native"));
}

TEST_F(CliTest, TraceDrawsASpanTree) {
  auto run = tinkr({"trace", "trace-1"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("SPAN"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("█"), std::string::npos) << "each span has a bar: " << run.out;
}

TEST_F(CliTest, TailStopsAfterItsPollsAndPrintsEachRecordOnce) {
  auto run = tinkr({"-o", "ndjson", "tail", "svc", "--polls", "2", "--interval", "10ms"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::set<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end; (end = run.out.find('\n', start)) != std::string::npos; start = end + 1)
    EXPECT_TRUE(lines.insert(run.out.substr(start, end - start)).second) << "printed twice";
  EXPECT_FALSE(lines.empty());
}

TEST_F(CliTest, PluginsListsTheMock) {
  auto run = tinkr({"plugins"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("mock"), std::string::npos) << run.out;
}

TEST_F(CliTest, ConfigCheckAndProfiles) {
  const std::string config =
      home_.write("config.toml", "active_profile = \"m\"\n[profiles.m]\nbackend = \"mock\"\n");
  auto check = tinkr({"--config", config, "config", "check"});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_NE(check.out.find("profile: m (backend mock"), std::string::npos) << check.out;
  auto profiles = tinkr({"--config", config, "profiles"});
  EXPECT_EQ(profiles.exit_code, 0) << profiles.err;
  EXPECT_NE(profiles.out.find("yes"), std::string::npos) << profiles.out;
  const std::string broken = home_.write("broken.toml", "[profiles.m]\nbackend = 3\n");
  EXPECT_EQ(tinkr({"--config", broken, "config", "check"}).exit_code, 12) << "a config error";
}

class RemoteCliTest : public ServerFixture {
 protected:
  ProcessResult tinkr(const std::vector<std::string>& args, const std::string& token) {
    std::vector<std::string> all = {"--server", "http://127.0.0.1:" + std::to_string(port_)};
    all.insert(all.end(), args.begin(), args.end());
    return run_process(TINKR_CLI_PATH, all,
                       {{"HOME", home_.path()}, {"TINKR_TOKEN", token}, {"NO_COLOR", "1"}});
  }
  TempDir home_;
};

TEST_F(RemoteCliTest, QueriesGoThroughTheServer) {
  auto run = tinkr({"-o", "ndjson", "logs", "payments-api"}, kViewerKey);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(count_lines(run.out), 100u) << "the server's records, streamed";
  auto trace = tinkr({"trace", "trace-1"}, kViewerKey);
  EXPECT_EQ(trace.exit_code, 0) << trace.err;
  auto explain = tinkr({"logs", "svc", "--explain"}, kViewerKey);
  EXPECT_EQ(explain.exit_code, 0) << explain.err;
  auto plugins = tinkr({"plugins"}, kViewerKey);
  EXPECT_NE(plugins.out.find("mock"), std::string::npos) << plugins.out << plugins.err;
}

// `tinkr trace ID --from --to` through a server searches that window, as it does locally (the window
// was dropped on the way: the server searched its default).
TEST_F(RemoteCliTest, ATraceIsSearchedInTheWindowAsked) {
  auto run = tinkr({"-o", "json", "trace", "trace-1", "--from", "2026-11-01T00:00:00Z", "--to",
                    "2026-11-01T01:00:00Z", "--explain"},
                   kViewerKey);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find(R"("time":{"from":1793491200000000000,"to":1793494800000000000})"),
            std::string::npos)
      << run.out;
}

TEST_F(RemoteCliTest, ServerErrorsBecomeExitCodes) {
  EXPECT_EQ(tinkr({"logs", "svc"}, "wrong-token").exit_code, 6) << "unauthenticated";
  EXPECT_EQ(tinkr({"query", "--native", "x"}, kViewerKey).exit_code, 7) << "forbidden: native needs oncall";
  EXPECT_EQ(tinkr({"logs", "fail-throttled"}, kViewerKey).exit_code, 8);
  EXPECT_EQ(tinkr({"ingest", "x.json"}, kViewerKey).exit_code, 4) << "ingest needs a local backend";
}

// The real binary: --port 0 prints the bound port; SIGTERM ends it cleanly.
TEST(ServerBinary, StartsOnAnEphemeralPortAndStopsOnSigterm) {
  TempDir home;
  ChildProcess server(
      TINKR_SERVER_PATH, {"--no-auth", "--port", "0", "--quiet"},
      {{"HOME", home.path()}, {"TINKR_BACKEND", "mock"}, {"TINKR_PLUGIN_PATH", TINKR_PLUGIN_DIR}});
  const std::string line = server.read_line();
  const auto colon = line.rfind(':', line.find(" (backend"));
  ASSERT_NE(colon, std::string::npos) << line;
  const std::string port = line.substr(colon + 1, line.find(' ', colon) - colon - 1);
  host::HttpCall health;
  health.target = "/healthz";
  auto reply = host::http_call({"127.0.0.1", port, ""}, health);
  ASSERT_TRUE(reply) << reply.error().message();
  EXPECT_EQ(reply->status, 200);
  server.signal(SIGTERM);
  EXPECT_EQ(server.wait(), 0);
}

TEST(ServerBinary, RefusesToStartWithoutKeysOrWithABrokenBackend) {
  TempDir home;
  auto no_keys = run_process(
      TINKR_SERVER_PATH, {"--port", "0"},
      {{"HOME", home.path()}, {"TINKR_BACKEND", "mock"}, {"TINKR_PLUGIN_PATH", TINKR_PLUGIN_DIR}});
  EXPECT_EQ(no_keys.exit_code, 12) << no_keys.err;
  EXPECT_NE(no_keys.err.find("api_keys"), std::string::npos) << no_keys.err;
  auto no_backend = run_process(
      TINKR_SERVER_PATH, {"--no-auth", "--port", "0"},
      {{"HOME", home.path()}, {"TINKR_BACKEND", "nonexistent"}, {"TINKR_PLUGIN_PATH", TINKR_PLUGIN_DIR}});
  EXPECT_NE(no_backend.exit_code, 0);
  EXPECT_NE(no_backend.err.find("backend cannot start"), std::string::npos) << no_backend.err;
  auto public_no_auth = run_process(TINKR_SERVER_PATH, {"--no-auth", "--host", "0.0.0.0", "--port", "0"},
                                    {{"HOME", home.path()}, {"TINKR_BACKEND", "mock"}});
  EXPECT_EQ(public_no_auth.exit_code, 12) << "--no-auth binds to loopback only";
}

#ifdef TINKR_HAVE_LOCAL_PLUGIN
// With no config and no TINKR_BACKEND the CLI uses the embedded local backend; `tinkr demo` fills it
// and the demo's questions get answers.
TEST(LocalDemo, DemoThenQueriesAnswerFromTheLocalBackend) {
  TempDir home;
  const std::map<std::string, std::string> env = {{"HOME", home.path()},
                                                  {"TINKR_PLUGIN_PATH", TINKR_PLUGIN_DIR}};
  auto demo = run_process(TINKR_CLI_PATH, {"demo"}, env);
  ASSERT_EQ(demo.exit_code, 0) << demo.out << demo.err;
  EXPECT_NE(demo.err.find("local backend"), std::string::npos)
      << "the implicit choice is said once: " << demo.err;

  auto errors = run_process(TINKR_CLI_PATH,
                            {"-o", "json", "logs", "payments-api", "level>=error", "--since", "1h"}, env);
  ASSERT_EQ(errors.exit_code, 0) << errors.err;
  rapidjson::Document logs;
  logs.Parse(errors.out.c_str());
  ASSERT_TRUE(logs.IsArray()) << errors.out.substr(0, 300);
  EXPECT_GT(logs.Size(), 0u) << "the incident's error burst";

  auto failed = run_process(TINKR_CLI_PATH, {"-o", "json", "traces", "payments-api", "--failed"}, env);
  ASSERT_EQ(failed.exit_code, 0) << failed.err;
  rapidjson::Document traces;
  traces.Parse(failed.out.c_str());
  ASSERT_TRUE(traces.IsArray() && traces.Size() > 0) << failed.out.substr(0, 300);
  const std::string trace_id = traces[0]["trace_id"].GetString();
  auto tree = run_process(TINKR_CLI_PATH, {"trace", trace_id}, env);
  ASSERT_EQ(tree.exit_code, 0) << tree.err;
  EXPECT_NE(tree.out.find("trace " + trace_id), std::string::npos) << tree.out;
  EXPECT_NE(tree.out.find("ERROR"), std::string::npos) << "a failed trace has a failed span: " << tree.out;

  // --failed --slow 1s is failed OR slow: the slow traces that did not fail are there too.
  auto failed_or_slow = run_process(
      TINKR_CLI_PATH, {"-o", "json", "traces", "payments-api", "--failed", "--slow", "1s", "--limit", "1000"},
      env);
  ASSERT_EQ(failed_or_slow.exit_code, 0) << failed_or_slow.err;
  traces.Parse(failed_or_slow.out.c_str());
  ASSERT_TRUE(traces.IsArray()) << failed_or_slow.out.substr(0, 300);
  bool slow_success = false;
  for (const auto& t : traces.GetArray()) {
    const bool failed_trace = std::string(t["status"].GetString()) == "error";
    const int64_t duration = t["duration_ns"].GetInt64();
    EXPECT_TRUE(failed_trace || duration > 1'000'000'000)
        << "neither failed nor slow: " << t["trace_id"].GetString();
    slow_success = slow_success || (!failed_trace && duration > 1'000'000'000);
  }
  EXPECT_TRUE(slow_success) << "a slow trace that did not fail is kept (the demo has 6.6 s successes)";

  // A regex the search must look for beyond the newest 1,000 records of the hour: the database timeouts.
  auto timeouts = run_process(
      TINKR_CLI_PATH, {"-o", "json", "logs", "payments-api", "message:/time(d )?out/", "--since", "1h"}, env);
  ASSERT_EQ(timeouts.exit_code, 0) << timeouts.err;
  logs.Parse(timeouts.out.c_str());
  ASSERT_TRUE(logs.IsArray()) << timeouts.out.substr(0, 300) << timeouts.err;
  EXPECT_EQ(logs.Size(), 100u) << "the default limit of matches: " << timeouts.err;
}
#endif

// hosts/examples/embed: the ~30-line program of docs/embedding.md.
TEST(EmbedExample, OpensAProfileAndPrintsRecords) {
  TempDir home;
  auto run = run_process(
      TINKR_EMBED_PATH, {"payments-api"},
      {{"HOME", home.path()}, {"TINKR_BACKEND", "mock"}, {"TINKR_PLUGIN_PATH", TINKR_PLUGIN_DIR}});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(count_lines(run.out), 10u) << run.out;
  EXPECT_NE(run.out.find("payments-api"), std::string::npos) << run.out;
}

}  // namespace
}  // namespace tinkr::testing
