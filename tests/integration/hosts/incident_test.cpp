// `tinkr incident` and POST /api/v1/incident as binaries over the demo's hour in the local store:
// the report names the injected incident, reads as plain text off a terminal, and -o json carries
// the numbers (docs/incident.md).
#include "demo_home.hpp"

#include "common/http_client.hpp"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <csignal>

namespace tinkr::testing {
namespace {

#ifdef TINKR_HAVE_LOCAL_PLUGIN

class Incident : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    home_ = new DemoHome(TINKR_CLI_PATH);
    ASSERT_TRUE(home_->ok()) << home_->demo().err;
  }
  static void TearDownTestSuite() { delete home_; }
  static std::map<std::string, std::string> env() { return home_->env(); }
  static ProcessResult tinkr(const std::vector<std::string>& args) {
    return run_process(TINKR_CLI_PATH, args, env());
  }
  static void expect_the_incident(const rapidjson::Value& report) {
    ASSERT_TRUE(report.IsObject());
    ASSERT_GT(report["error_patterns"].Size(), 0u);
    EXPECT_STREQ(report["error_patterns"][0]["pattern"].GetString(),
                 "database timeout: orders-db did not answer within <*>ms");
    EXPECT_TRUE(report["error_patterns"][0]["new"].GetBool());
    ASSERT_GT(report["failing_operations"].Size(), 0u);
    EXPECT_STREQ(report["failing_operations"][0]["name"].GetString(), "POST /payments");
    EXPECT_TRUE(report["failing_operations"][0]["result_codes"].HasMember("503"));
    bool error_rate_shifted = false;
    for (const auto& shift : report["metric_shifts"].GetArray())
      if (std::string(shift["metric"].GetString()) == "error_rate")
        error_rate_shifted = shift["shifted"].GetBool();
    EXPECT_TRUE(error_rate_shifted);
    ASSERT_GT(report["example_traces"].Size(), 0u);
    EXPECT_GT(report["example_traces"][0]["critical_path"].Size(), 0u);
  }
  static inline DemoHome* home_ = nullptr;
};

TEST_F(Incident, TheCommandPrintsEachSectionAsPlainTextOffATerminal) {
  auto run = tinkr({"incident", "payments-api", "--since", "1h"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  for (const char* heading :
       {"ERROR PATTERNS", "FAILING OPERATIONS", "METRIC SHIFTS", "EXAMPLE TRACES", "QUERIES RUN"})
    EXPECT_NE(run.out.find(heading), std::string::npos) << heading << "\n" << run.out;
  const auto patterns = run.out.find("ERROR PATTERNS");
  const auto first_row = run.out.find('\n', run.out.find('\n', patterns + 1) + 1) + 1;
  EXPECT_NE(run.out.substr(first_row, run.out.find('\n', first_row) - first_row)
                .find("database timeout: orders-db did not answer within <*>ms"),
            std::string::npos)
      << run.out.substr(patterns, 600);
  EXPECT_NE(run.out.find("POST /payments"), std::string::npos);
  EXPECT_EQ(run.out.find('\x1b'), std::string::npos) << "no colour off a terminal or with NO_COLOR";
  EXPECT_EQ(run.out.find("▁"), std::string::npos) << "sparklines only on a terminal";
}

TEST_F(Incident, JsonCarriesTheNumbers) {
  auto run = tinkr({"-o", "json", "incident", "payments-api", "--since", "1h", "--top", "3"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  rapidjson::Document report;
  report.Parse(run.out.c_str());
  ASSERT_FALSE(report.HasParseError()) << run.out.substr(0, 300);
  expect_the_incident(report);
  EXPECT_LE(report["error_patterns"].Size(), 3u);
}

TEST_F(Incident, BadFlagsAreNamedWithTheUsageExitCode) {
  auto csv = tinkr({"-o", "csv", "incident", "payments-api"});
  EXPECT_EQ(csv.exit_code, 3) << csv.err;
  EXPECT_NE(csv.err.find("-o csv"), std::string::npos) << csv.err;
  auto baseline = tinkr({"incident", "payments-api", "--baseline", "yesterday"});
  EXPECT_EQ(baseline.exit_code, 3) << baseline.err;
  EXPECT_NE(baseline.err.find("--baseline"), std::string::npos) << baseline.err;
}

TEST_F(Incident, TheServerRouteGivesTheSameReport) {
  ChildProcess server(TINKR_SERVER_PATH, {"--no-auth", "--port", "0", "--quiet"}, env());
  const std::string line = server.read_line();
  const auto colon = line.rfind(':', line.find(" (backend"));
  ASSERT_NE(colon, std::string::npos) << line;
  const host::HttpEndpoint endpoint{"127.0.0.1", line.substr(colon + 1, line.find(' ', colon) - colon - 1),
                                    ""};
  host::HttpCall call;
  call.method = "POST";
  call.target = "/api/v1/incident";
  call.body = R"({"service":"payments-api","since":"1h"})";
  auto reply = host::http_call(endpoint, call);
  ASSERT_TRUE(reply) << reply.error().message();
  ASSERT_EQ(reply->status, 200) << reply->body.substr(0, 300);
  rapidjson::Document report;
  report.Parse(reply->body.c_str());
  ASSERT_FALSE(report.HasParseError());
  expect_the_incident(report);
  // The CLI through the server (--server): the same report, printed here.
  const std::string url = "http://127.0.0.1:" + endpoint.port;
  auto remote = tinkr({"--server", url, "-o", "json", "incident", "payments-api", "--since", "1h"});
  ASSERT_EQ(remote.exit_code, 0) << remote.err;
  rapidjson::Document remote_report;
  remote_report.Parse(remote.out.c_str());
  ASSERT_FALSE(remote_report.HasParseError()) << remote.out.substr(0, 300);
  expect_the_incident(remote_report);
  auto remote_table = tinkr({"--server", url, "incident", "payments-api"});
  ASSERT_EQ(remote_table.exit_code, 0) << remote_table.err;
  EXPECT_NE(remote_table.out.find("database timeout: orders-db did not answer within <*>ms"),
            std::string::npos);
  auto remote_bad = tinkr({"--server", url, "incident", "payments-api", "--slow", "fast"});
  EXPECT_EQ(remote_bad.exit_code, 3) << remote_bad.err;

  call.body = R"({"service":"payments-api","slow":"fast"})";
  auto bad = host::http_call(endpoint, call);
  ASSERT_TRUE(bad) << bad.error().message();
  EXPECT_EQ(bad->status, 400) << bad->body;
  server.signal(SIGTERM);
  EXPECT_EQ(server.wait(), 0);
}

#endif

}  // namespace
}  // namespace tinkr::testing
