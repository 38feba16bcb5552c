// The Azure plugin loaded through the core (registry + engine, the real HTTPS client) against the
// fake Azure on 127.0.0.1: each credential's exact request, the fake az, the aggregated chain error,
// and the token cache counted by the fake over a thousand queries.
#include <tinkr/engine.hpp>
#include <tinkr/registry.hpp>

#include <fake_azure.hpp>

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

namespace tinkr {
namespace {

using fake_azure::FakeAzure;
using fake_azure::Route;

constexpr const char* kLogAnalytics = "https://api.loganalytics.io";
constexpr const char* kArm = "https://management.azure.com";

/// Sets environment variables for one test and restores them after. Every variable a credential
/// reads starts unset, so that the machine's own Azure settings never leak into a test.
class ScopedEnvironment {
 public:
  ScopedEnvironment() {
    for (const char* name :
         {"AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", "AZURE_AUTHORITY_HOST",
          "AZURE_FEDERATED_TOKEN_FILE", "AZURE_CLIENT_CERTIFICATE_PATH", "IDENTITY_ENDPOINT",
          "IDENTITY_HEADER", "IDENTITY_SERVER_THUMBPRINT", "AZURE_LOG_ANALYTICS_WORKSPACE_ID",
          "AZURE_SUBSCRIPTION_ID", "AZURE_RESOURCE_GROUP", "FAKE_AZ_MODE", "FAKE_AZ_ARGS_FILE", "HTTPS_PROXY",
          "https_proxy", "PATH"})
      set(name, std::nullopt);
    set("PATH", "/nonexistent-tinkr-path");  // no real az
  }
  ~ScopedEnvironment() {
    for (auto& [name, value] : saved_) {
      if (value)
        ::setenv(name.c_str(), value->c_str(), 1);
      else
        ::unsetenv(name.c_str());
    }
  }
  void set(const std::string& name, const std::optional<std::string>& value) {
    if (!saved_.count(name)) {
      const char* old = std::getenv(name.c_str());
      saved_[name] = old ? std::optional<std::string>(old) : std::nullopt;
    }
    if (value)
      ::setenv(name.c_str(), value->c_str(), 1);
    else
      ::unsetenv(name.c_str());
  }

 private:
  std::map<std::string, std::optional<std::string>> saved_;
};

/// A loopback port nothing listens on (bound, then closed): IMDS "not there" answers at once.
uint16_t closed_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

/// The token requests of a route for Log Analytics' audience: the health check (the doctor) also
/// asks for Azure Resource Manager's.
std::vector<fake_azure::RecordedRequest> for_log_analytics(
    std::vector<fake_azure::RecordedRequest> requests) {
  std::erase_if(requests, [](const fake_azure::RecordedRequest& r) {
    return r.form_param("scope") != std::string(kLogAnalytics) + "/.default" &&
           r.query_param("resource") != kLogAnalytics;
  });
  return requests;
}

class AzureAuthIntegration : public ::testing::Test {
 protected:
  std::string options(const std::string& extra = "", std::string imds = "") const {
    if (imds.empty()) imds = fake_.http_url();
    std::string json =
        R"({"workspace_id":"11111111-2222-3333-4444-555555555555",)"
        R"("subscription_id":"00000000-0000-0000-0000-000000000001","resource_group":"rg-shop",)"
        R"("log_analytics_endpoint":")" +
        fake_.https_url() + R"(","arm_endpoint":")" + fake_.https_url() + R"(","authority_host":")" +
        fake_.https_url() + R"(","imds_endpoint":")" + imds + R"(","ca_file":")" + fake_.ca_file() + R"(")";
    return json + (extra.empty() ? "" : "," + extra) + "}";
  }

  std::unique_ptr<Engine> open(const std::string& options_json) {
    static PluginRegistry registry({TINKR_PLUGIN_DIR});
    auto plugin = registry.load("azure");
    EXPECT_TRUE(plugin) << (plugin ? "" : plugin.error().message());
    if (!plugin) return nullptr;
    auto engine = Engine::open_plugin(*plugin, options_json);
    EXPECT_TRUE(engine) << (engine ? "" : engine.error().message());
    return engine ? std::move(*engine) : nullptr;
  }

  /// The health JSON of a freshly opened engine.
  std::string health(const std::string& options_json) {
    auto engine = open(options_json);
    if (!engine) return "";
    auto result = engine->check_health();
    EXPECT_TRUE(result) << (result ? "" : result.error().message());
    return result ? result->json : "";
  }

  void use_service_principal() {
    env_.set("AZURE_TENANT_ID", "72f988bf-86f1-41af-91ab-2d7cd011db47");
    env_.set("AZURE_CLIENT_ID", "app-client-id");
    env_.set("AZURE_CLIENT_SECRET", "integration-secret");
  }

  ScopedEnvironment env_;
  FakeAzure fake_;
};

TEST_F(AzureAuthIntegration, EnvironmentCredentialPostsTheClientCredentialsFormToEntra) {
  use_service_principal();
  std::string h = health(options(R"("credential":"environment")"));
  EXPECT_NE(h.find(R"("status":"ok")"), std::string::npos) << h;
  auto tokens = for_log_analytics(fake_.requests(Route::token));
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].method, "POST");
  EXPECT_EQ(tokens[0].path, "/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token");
  EXPECT_TRUE(tokens[0].tls);
  EXPECT_EQ(tokens[0].header("Content-Type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(tokens[0].form_param("client_id"), "app-client-id");
  EXPECT_EQ(tokens[0].form_param("client_secret"), "integration-secret");
  EXPECT_EQ(tokens[0].form_param("grant_type"), "client_credentials");
  EXPECT_EQ(tokens[0].form_param("scope"), "https://api.loganalytics.io/.default");
  EXPECT_TRUE(tokens[0].header("Authorization").empty()) << "no bearer token goes to the authority";
}

TEST_F(AzureAuthIntegration, ARejectedSecretReportsEntrasErrorWithoutTheSecret) {
  use_service_principal();
  fake_.push_response(Route::token, fake_azure::FakeResponse::from_vector(
                                        401, "identity/entra.v2.error.invalid_client.7000215.json"));
  std::string h = health(options());
  EXPECT_NE(h.find(R"("status":"error")"), std::string::npos) << h;
  EXPECT_NE(h.find("AADSTS7000215"), std::string::npos) << h;
  EXPECT_EQ(h.find("integration-secret"), std::string::npos) << h;
}

TEST_F(AzureAuthIntegration, WorkloadIdentitySendsTheFederatedTokenAsAnAssertion) {
  auto file = std::filesystem::temp_directory_path() / ("tinkr-wi-token-" + std::to_string(::getpid()));
  std::ofstream(file) << "projected.service-account.jwt\n";
  env_.set("AZURE_TENANT_ID", "tenant-a");
  env_.set("AZURE_CLIENT_ID", "wi-client");
  env_.set("AZURE_FEDERATED_TOKEN_FILE", file.string());
  std::string h = health(options());
  EXPECT_NE(h.find("credential 'workload_identity'"), std::string::npos) << h;
  auto tokens = for_log_analytics(fake_.requests(Route::token));
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].path, "/tenant-a/oauth2/v2.0/token");
  EXPECT_EQ(tokens[0].form_param("client_assertion"), "projected.service-account.jwt");
  EXPECT_EQ(tokens[0].form_param("client_assertion_type"),
            "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
  EXPECT_EQ(tokens[0].form_param("client_secret"), std::nullopt);
  std::filesystem::remove(file);
}

TEST_F(AzureAuthIntegration, ManagedIdentityAsksImdsWithTheMetadataHeaderAndTheClientId) {
  env_.set("AZURE_CLIENT_ID", "user-assigned-client");
  std::string h = health(options());
  EXPECT_NE(h.find("credential 'managed_identity'"), std::string::npos) << h;
  auto imds = for_log_analytics(fake_.requests(Route::imds));
  ASSERT_EQ(imds.size(), 1u);
  EXPECT_FALSE(imds[0].tls) << "IMDS is plain http";
  EXPECT_EQ(imds[0].method, "GET");
  EXPECT_EQ(imds[0].header("Metadata"), "true");
  EXPECT_EQ(imds[0].query_param("api-version"), "2018-02-01");
  EXPECT_EQ(imds[0].query_param("resource"), kLogAnalytics);
  EXPECT_EQ(imds[0].query_param("client_id"), "user-assigned-client");
}

// 13.15: the first IMDS request is a one-attempt probe; a 429 or a 500 from it used to fail every CLI
// process (each starts with a fresh probe). An answer proves IMDS is there: it is retried like Entra.
class ImdsTransientAnswer : public AzureAuthIntegration, public ::testing::WithParamInterface<int> {};

TEST_P(ImdsTransientAnswer, OnTheFirstRequestIsRetried) {
  fake_.push_response(Route::imds, GetParam() == 429 ? fake_azure::FakeResponse::throttled_ms(1)
                                                     : fake_azure::FakeResponse::server_error(GetParam()));
  std::string h = health(options(R"("credential":"managed_identity")"));
  EXPECT_NE(h.find(R"("status":"ok")"), std::string::npos) << h;
  EXPECT_EQ(for_log_analytics(fake_.requests(Route::imds)).size(), 2u)
      << "the probe's answer, then the retry that succeeds";
}

INSTANTIATE_TEST_SUITE_P(Statuses, ImdsTransientAnswer, ::testing::Values(429, 500, 503));

TEST_F(AzureAuthIntegration, ManagedIdentityUsesTheIdentityEndpointWithItsHeader) {
  env_.set("IDENTITY_ENDPOINT", fake_.http_url() + "/msi/token");
  env_.set("IDENTITY_HEADER", fake_.options().identity_header);
  std::string h = health(options());
  EXPECT_NE(h.find("credential 'managed_identity'"), std::string::npos) << h;
  auto requests = for_log_analytics(fake_.requests(Route::app_service_identity));
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].header("X-IDENTITY-HEADER"), fake_.options().identity_header);
  EXPECT_EQ(requests[0].query_param("api-version"), "2019-08-01");
  EXPECT_EQ(requests[0].query_param("resource"), kLogAnalytics);
  EXPECT_TRUE(fake_.requests(Route::imds).empty());
}

TEST_F(AzureAuthIntegration, AzureCliCredentialRunsTheFakeAzForTheResource) {
  auto args = std::filesystem::temp_directory_path() / ("tinkr-fake-az-args-" + std::to_string(::getpid()));
  std::filesystem::remove(args);
  env_.set("PATH", std::string(TINKR_FAKE_AZ_DIR) + ":/usr/bin:/bin");
  env_.set("FAKE_AZ_ARGS_FILE", args.string());
  std::string h = health(options(R"("credential":"azure_cli")"));
  EXPECT_NE(h.find("credential 'azure_cli'"), std::string::npos) << h;
  std::ifstream in(args);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str().substr(0, text.str().find('\n') + 1),
            "account get-access-token --output json --resource https://api.loganalytics.io\n")
      << "the first token is Log Analytics' (the health check then asks for Resource Manager's)";
  std::filesystem::remove(args);
}

TEST_F(AzureAuthIntegration, AzureCliNotLoggedInOrHangingIsAClearReason) {
  env_.set("PATH", std::string(TINKR_FAKE_AZ_DIR) + ":/usr/bin:/bin");
  env_.set("FAKE_AZ_MODE", "not_logged_in");
  std::string h = health(options(R"("credential":"azure_cli")"));
  EXPECT_NE(h.find("az is not logged in (run 'az login')"), std::string::npos) << h;
  env_.set("FAKE_AZ_MODE", "hang");
  auto start = std::chrono::steady_clock::now();
  h = health(options(R"("credential":"azure_cli","azure_cli_timeout_seconds":1)"));
  EXPECT_NE(h.find("az account get-access-token did not finish within 1 s"), std::string::npos) << h;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(15)) << "the hung az was killed";
}

TEST_F(AzureAuthIntegration, WithNothingConfiguredTheErrorListsEveryCredential) {
  std::string imds = "http://127.0.0.1:" + std::to_string(closed_port());
  std::string h = health(options("", imds));
  EXPECT_NE(h.find(R"("status":"error")"), std::string::npos) << h;
  auto at = [&](const char* text) { return h.find(text); };
  EXPECT_LT(at("environment: AZURE_TENANT_ID"), at("workload_identity: AZURE_FEDERATED_TOKEN_FILE")) << h;
  EXPECT_LT(at("workload_identity:"), at("managed_identity: no managed identity endpoint answered")) << h;
  EXPECT_LT(at("managed_identity:"), at("azure_cli: az (the Azure CLI) is not on PATH")) << h;
  EXPECT_NE(at("azure_cli:"), std::string::npos) << h;
}

TEST_F(AzureAuthIntegration, AThousandQueriesInARowAskForOneTokenPerScope) {
  use_service_principal();
  auto engine = open(options());
  ASSERT_TRUE(engine);
  ir::Query native;
  native.signal = ir::Signal::native;
  native.native_text = "AppTraces | take 1";
  native.time = {now_ns() - 3'600'000'000'000LL, now_ns()};
  ir::Query metrics;
  metrics.signal = ir::Signal::metrics;
  metrics.service = "shop-web";
  metrics.resource_type = "app_service";
  metrics.time = native.time;
  metrics.metrics.names = {"requests"};
  for (int i = 0; i < 1000; ++i) {
    auto logs = engine->collect(native);
    ASSERT_TRUE(logs) << "query " << i << ": " << logs.error().message();
    auto series = engine->collect(metrics);
    ASSERT_TRUE(series) << "metrics query " << i << ": " << series.error().message();
  }
  EXPECT_EQ(fake_.token_requests(kLogAnalytics), 1u);
  EXPECT_EQ(fake_.token_requests(kArm), 1u);
  EXPECT_EQ(fake_.token_requests_total(), 2u);
  std::cout << "[ figures  ] 2000 queries: " << fake_.token_requests_total() << " token requests, "
            << fake_.tls_handshakes() << " TLS handshakes, " << fake_.connections_accepted()
            << " connections\n";
}

}  // namespace
}  // namespace tinkr
