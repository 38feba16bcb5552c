// No secret is ever printed (issue 13.16): canary secrets and tokens are set, then every command and
// route that can print runs (errors, --explain, config check, profiles, debug logging, the server's
// answers, its access log and /metrics) and none of the canaries may appear anywhere. The backend is
// the azure plugin against the fake Azure, whose Log Analytics answers 401 quoting the request's
// Authorization header back, as a misbehaving upstream or proxy would.
#include "auth.hpp"
#include "common/http_client.hpp"
#include "process.hpp"

#include <fake_azure.hpp>

#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

namespace tinkr::testing {
namespace {

using fake_azure::FakeAzure;
using fake_azure::FakeResponse;
using fake_azure::RecordedRequest;
using fake_azure::Route;

constexpr const char* kClientSecret = "canary-client-secret-5b7e1d";
constexpr const char* kCliToken = "canary-cli-token-9c4f20";
constexpr const char* kApiKey = "canary-api-key-3a8e77";
constexpr const char* kUrlPassword = "canary-url-password-61d2";

std::string azure_profile(const FakeAzure& fake, const std::string& name, const std::string& workspace) {
  return "[profiles." + name + "]\nbackend = \"azure\"\ncredential = \"environment\"\nworkspace_id = \"" +
         workspace +
         "\"\nsubscription_id = \"00000000-0000-0000-0000-000000000001\"\nresource_group = \"rg-shop\"\n"
         "log_analytics_endpoint = \"" +
         fake.https_url() + "\"\narm_endpoint = \"" + fake.https_url() + "\"\nauthority_host = \"" +
         fake.https_url() + "\"\nca_file = \"" + fake.ca_file() + "\"\n";
}

class SecretsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Every bearer token the fake sees is quoted back in its 401, with and without "Bearer".
    fake_.on_request([this](const RecordedRequest& request) -> std::optional<FakeResponse> {
      if (request.route != Route::log_analytics_query) return std::nullopt;
      const std::string authorization(request.header("Authorization"));
      const std::string token = authorization.substr(authorization.find(' ') + 1);
      {
        std::lock_guard lock(mutex_);
        tokens_.push_back(token);
      }
      return FakeResponse::json(401,
                                "{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":"
                                "\"rejected header Authorization: " +
                                    authorization + " (token " + token + ")\"}}");
    });
    std::filesystem::create_directories(home_.path() + "/.tinkr");
    std::ofstream(home_.path() + "/.tinkr/config.toml")
        << "active_profile = \"azure\"\n"
        << azure_profile(fake_, "azure", "11111111-2222-3333-4444-555555555555")
        << azure_profile(fake_, "leaky", "env:AZURE_CLIENT_SECRET")  // a secret put in the wrong key
        << "[auth]\napi_keys = [{hash = \"" << server::sha256_hex(kApiKey)
        << "\", subject = \"grafana\", roles = [\"viewer\"]}]\n";
  }

  std::map<std::string, std::string> environment() const {
    return {{"HOME", home_.path()},
            {"TINKR_PLUGIN_PATH", TINKR_PLUGIN_DIR},
            {"TINKR_LOG", "debug"},
            {"NO_COLOR", "1"},
            {"AZURE_TENANT_ID", "72f988bf-86f1-41af-91ab-2d7cd011db47"},
            {"AZURE_CLIENT_ID", "canary-client-id"},
            {"AZURE_CLIENT_SECRET", kClientSecret},
            {"TINKR_TOKEN", kCliToken}};
  }

  ProcessResult tinkr(const std::vector<std::string>& args) {
    auto run = run_process(TINKR_CLI_PATH, args, environment());
    printed_ += run.out + run.err;
    return run;
  }

  /// Fails for every canary, and every token the fake saw, found in what was printed.
  void expect_no_canary() {
    std::vector<std::string> canaries = {kClientSecret, kCliToken, kApiKey, kUrlPassword};
    {
      std::lock_guard lock(mutex_);
      canaries.insert(canaries.end(), tokens_.begin(), tokens_.end());
    }
    for (const auto& canary : canaries)
      EXPECT_EQ(printed_.find(canary), std::string::npos) << "'" << canary << "' was printed:\n" << printed_;
  }

  FakeAzure fake_;
  TempDir home_;
  std::string printed_;
  std::mutex mutex_;
  std::vector<std::string> tokens_;
};

TEST_F(SecretsTest, NoCommandPrintsASecret) {
  auto misplaced = tinkr({"--profile", "leaky", "logs", "payments-api"});
  EXPECT_NE(misplaced.exit_code, 0);
  EXPECT_NE(misplaced.err.find("is not a GUID"), std::string::npos) << misplaced.err;
  tinkr({"--profile", "leaky", "config", "check"});
  tinkr({"--profile", "leaky", "logs", "payments-api", "--explain"});
  tinkr({"profiles"});

  auto rejected = tinkr({"logs", "payments-api", "--since", "1h"});
  EXPECT_EQ(rejected.exit_code, 6) << rejected.err;  // unauthenticated
  EXPECT_NE(rejected.err.find("rejected header Authorization"), std::string::npos) << rejected.err;
  EXPECT_NE(rejected.err.find("[redacted]"), std::string::npos) << rejected.err;
  ASSERT_FALSE(tokens_.empty()) << "the query reached the fake";
  tinkr({"config", "check"});
  tinkr({"logs", "payments-api", "--explain"});

  auto bad_url =
      tinkr({"--server", std::string("https://u:") + kUrlPassword + "@127.0.0.1:1", "logs", "svc"});
  EXPECT_NE(bad_url.exit_code, 0);
  tinkr({"--server", std::string("http://u:") + kUrlPassword + "@127.0.0.1:1", "logs", "svc"});
  expect_no_canary();
}

TEST_F(SecretsTest, TheServerPrintsNoSecretInAnswersLogsOrMetrics) {
  const std::string err_path = home_.path() + "/server.err";
  {
    ChildProcess server(TINKR_SERVER_PATH, {"--port", "0"}, environment(), err_path);
    const std::string line = server.read_line();
    const auto colon = line.rfind(':', line.find(" (backend"));
    ASSERT_NE(colon, std::string::npos) << line;
    const host::HttpEndpoint endpoint{"127.0.0.1", line.substr(colon + 1, line.find(' ', colon) - colon - 1),
                                      ""};
    auto call = [&](const std::string& method, const std::string& target, const std::string& body) {
      host::HttpCall request;
      request.method = method;
      request.target = target;
      request.body = body;
      request.bearer_token = kApiKey;
      auto reply = host::http_call(endpoint, request);
      EXPECT_TRUE(reply) << reply.error().message();
      if (reply) printed_ += reply->body;
      return reply ? reply->status : 0;
    };
    EXPECT_EQ(call("POST", "/api/v1/logs", R"({"service":"payments-api","since":"1h"})"), 401)
        << "the upstream's 401 reaches the viewer, without its token: " << printed_;
    call("GET", std::string("/api/v1/traces/") + kClientSecret, "");
    call("GET", "/metrics", "");
    call("GET", "/api/v1/backends", "");
    server.signal(SIGTERM);
    EXPECT_EQ(server.wait(), 0);
  }
  std::ifstream err(err_path);
  std::stringstream logged;
  logged << err.rdbuf();
  EXPECT_NE(logged.str().find("/api/v1/logs"), std::string::npos) << "the access log was written";
  printed_ += logged.str();
  ASSERT_FALSE(tokens_.empty()) << "the query reached the fake";
  expect_no_canary();
}

TEST(ServerHashKey, ReadsTheKeyFromStandardInputNotTheCommandLine) {
  auto hashed = run_process(TINKR_SERVER_PATH, {"--hash-key"}, {}, std::string(kApiKey) + "\n");
  EXPECT_EQ(hashed.exit_code, 0) << hashed.err;
  EXPECT_EQ(hashed.out, server::sha256_hex(kApiKey) + "\n");
  auto on_argv = run_process(TINKR_SERVER_PATH, {"--hash-key", kApiKey});
  EXPECT_NE(on_argv.exit_code, 0) << "a key on the command line is refused (ps and shell history show it)";
  auto empty = run_process(TINKR_SERVER_PATH, {"--hash-key"});
  EXPECT_NE(empty.exit_code, 0);
}

}  // namespace
}  // namespace tinkr::testing
