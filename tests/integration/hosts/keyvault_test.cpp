// tinkr-server with [auth] api_keys_from = "keyvault:..." (issue 14 item 8), as a process against the
// fake Azure: the managed identity (IMDS) gets a token for https://vault.azure.net, the request for
// the real vault host name kv-tinkr.vault.azure.net goes through HTTPS_PROXY (a CONNECT proxy that
// routes that name to the fake, whose certificate is valid for it), and the secret's keys are the
// ones the server accepts; a rotated secret is picked up, a failing vault keeps the last good keys,
// and a missing or forbidden secret stops the start with the cause.
#include "auth.hpp"
#include "common/http_client.hpp"
#include "process.hpp"

#include <connect_proxy.hpp>
#include <fake_azure.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

namespace tinkr::testing {
namespace {

using fake_azure::ConnectProxy;
using fake_azure::FakeAzure;
using fake_azure::FakeResponse;
using fake_azure::Route;

constexpr const char* kVaultHost = "kv-tinkr.vault.azure.net";
constexpr const char* kSecretName = "tinkr-api-keys";
const std::string kUri = std::string("keyvault:https://") + kVaultHost + "/secrets/" + kSecretName;
constexpr const char* kFirstKey = "first-key-0b6d2c";
constexpr const char* kRotatedKey = "rotated-key-7e41a9";
constexpr const char* kOtherKey = "never-issued-key-33f0";

/// The secret's text: the config's own [auth] table.
std::string key_secret(const std::string& key, const std::string& subject) {
  return "[auth]\napi_keys = [\n  {hash = \"" + server::sha256_hex(key) + "\", subject = \"" + subject +
         "\", roles = [\"viewer\"]},\n]\n";
}

/// A GetSecret answer holding text (for a held response, whose body is fixed when queued).
std::string get_secret_answer(const std::string& text) {
  std::string json = "{\"value\":\"";
  for (char c : text) json += c == '"' ? "\\\"" : c == '\n' ? "\\n" : std::string(1, c);
  return json + "\",\"id\":\"https://" + kVaultHost + "/secrets/" + kSecretName + "/1\",\"attributes\":{}}";
}

fake_azure::Options vault_options() {
  fake_azure::Options options;
  options.server_names = {kVaultHost};
  return options;
}

class KeyVaultServer : public ::testing::Test {
 protected:
  void SetUp() override { proxy_.route(std::string(kVaultHost) + ":443", fake_.https_port()); }

  void write_config(const std::string& uri, int refresh_seconds) {
    std::filesystem::create_directories(home_.path() + "/.tinkr");
    std::ofstream(home_.path() + "/.tinkr/config.toml")
        << "active_profile = \"azure\"\n[profiles.azure]\nbackend = \"azure\"\ncredential = "
           "\"managed_identity\"\n"
        << "workspace_id = \"11111111-2222-3333-4444-555555555555\"\n"
        << "subscription_id = \"00000000-0000-0000-0000-000000000001\"\nresource_group = \"rg-shop\"\n"
        << "imds_endpoint = \"" << fake_.http_url() << "\"\n"
        << "log_analytics_endpoint = \"" << fake_.https_url() << "\"\narm_endpoint = \"" << fake_.https_url()
        << "\"\nca_file = \"" << fake_.ca_file() << "\"\n"
        << "[auth]\napi_keys_from = \"" << uri << "\"\napi_keys_refresh_seconds = " << refresh_seconds
        << "\n";
  }

  std::map<std::string, std::string> environment() const {
    return {{"HOME", home_.path()},
            {"TINKR_PLUGIN_PATH", TINKR_PLUGIN_DIR},
            {"HTTPS_PROXY", proxy_.url()},
            {"NO_PROXY", ""},
            {"AZURE_CLIENT_ID", ""},
            {"IDENTITY_ENDPOINT", ""},
            {"NO_COLOR", "1"}};
  }

  /// Starts tinkr-server; true once it listens (false when it exited: see stderr()).
  bool start(const std::string& uri = kUri, int refresh_seconds = 3600) {
    write_config(uri, refresh_seconds);
    server_ = std::make_unique<ChildProcess>(
        TINKR_SERVER_PATH, std::vector<std::string>{"--port", "0", "--quiet"}, environment(), err_path());
    const std::string line = server_->read_line();
    if (line.empty()) return false;
    const auto colon = line.rfind(':', line.find(" (backend"));
    port_ = line.substr(colon + 1, line.find(' ', colon) - colon - 1);
    return true;
  }

  int stop() {
    server_->signal(SIGTERM);
    return server_->wait();
  }

  int call(const std::string& target, const std::string& key, std::string* body = nullptr) {
    host::HttpCall request;
    request.method = "GET";
    request.target = target;
    request.bearer_token = key;
    auto reply = host::http_call({"127.0.0.1", port_, ""}, request);
    EXPECT_TRUE(reply) << reply.error().message();
    if (reply && body) *body = reply->body;
    return reply ? reply->status : 0;
  }

  /// Polls until the key gets `status` (each poll is a real request), within a deadline.
  bool key_gets(const std::string& key, int status) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline)
      if (call("/api/v1/backends", key) == status) return true;
    return false;
  }

  std::string err_path() const { return home_.path() + "/server.err"; }
  std::string stderr_text() const {
    std::ifstream err(err_path());
    std::stringstream text;
    text << err.rdbuf();
    return text.str();
  }

  void expect_no_token_in(const std::string& text) const {
    EXPECT_EQ(text.find("fake-token"), std::string::npos) << text;
    EXPECT_EQ(text.find(server::sha256_hex(kFirstKey)), std::string::npos) << "a hash was printed: " << text;
  }

  FakeAzure fake_{vault_options()};
  ConnectProxy proxy_;
  TempDir home_;
  std::unique_ptr<ChildProcess> server_;
  std::string port_;
};

TEST_F(KeyVaultServer, AcceptsTheSecretsKeyAndRefusesOthers) {
  fake_.set_secret(kSecretName, key_secret(kFirstKey, "grafana"));
  ASSERT_TRUE(start()) << stderr_text();
  EXPECT_EQ(call("/api/v1/backends", kFirstKey), 200);
  EXPECT_EQ(call("/api/v1/backends", kOtherKey), 401);
  EXPECT_EQ(call("/api/v1/backends", ""), 401);
  EXPECT_EQ(stop(), 0);

  const auto reads = fake_.requests(Route::key_vault_secret);
  ASSERT_EQ(reads.size(), 1u);
  EXPECT_EQ(reads[0].target, std::string("/secrets/") + kSecretName + "?api-version=7.4");
  EXPECT_EQ(reads[0].header("Host"), kVaultHost) << "the vault's own name, reached through the proxy";
  EXPECT_EQ(
      std::string(reads[0].header("Authorization")).rfind("Bearer fake-token.https://vault.azure.net.", 0),
      0u);
  EXPECT_EQ(fake_.token_requests("https://vault.azure.net"), 1u);
  ASSERT_FALSE(fake_.requests(Route::imds).empty()) << "the managed identity asked for the token";
  EXPECT_EQ(proxy_.targets(), std::vector<std::string>{std::string(kVaultHost) + ":443"});
  expect_no_token_in(stderr_text());
}

TEST_F(KeyVaultServer, SighupPicksUpARotatedSecret) {
  fake_.set_secret(kSecretName, key_secret(kFirstKey, "grafana"));
  ASSERT_TRUE(start()) << stderr_text();
  ASSERT_EQ(call("/api/v1/backends", kFirstKey), 200);
  fake_.set_secret(kSecretName, key_secret(kRotatedKey, "grafana-2"));
  server_->signal(SIGHUP);
  EXPECT_TRUE(key_gets(kRotatedKey, 200)) << stderr_text();
  EXPECT_EQ(call("/api/v1/backends", kFirstKey), 401) << "the old key went with the old secret";
  EXPECT_EQ(stop(), 0);
}

TEST_F(KeyVaultServer, TheIntervalRefreshesWithoutASignal) {
  fake_.set_secret(kSecretName, key_secret(kFirstKey, "grafana"));
  ASSERT_TRUE(start(kUri, 1)) << stderr_text();
  // The next periodic read is held at the fake until the test has seen it arrive: no sleeping.
  fake_.push_response(Route::key_vault_secret, FakeResponse::held(FakeResponse::json(
                                                   200, get_secret_answer(key_secret(kRotatedKey, "b")))));
  ASSERT_TRUE(fake_.wait_for_held(1, std::chrono::seconds(20))) << "no refresh within the interval";
  EXPECT_EQ(call("/api/v1/backends", kFirstKey), 200) << "the old keys serve while a refresh is in flight";
  fake_.release_held();
  EXPECT_TRUE(key_gets(kRotatedKey, 200)) << stderr_text();
  EXPECT_EQ(stop(), 0);
}

TEST_F(KeyVaultServer, AFailingVaultKeepsTheLastGoodKeysAndSaysSoInReadyz) {
  fake_.set_secret(kSecretName, key_secret(kFirstKey, "grafana"));
  ASSERT_TRUE(start()) << stderr_text();
  fake_.push_response(Route::key_vault_secret, FakeResponse::key_vault_forbidden());
  server_->signal(SIGHUP);
  std::string readyz;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline &&
         readyz.find("\"status\":\"stale\"") == std::string::npos)
    call("/readyz", kFirstKey, &readyz);
  EXPECT_NE(readyz.find("\"api_keys\":{\"source\":\"" + kUri + "\",\"status\":\"stale\",\"keys\":1"),
            std::string::npos)
      << readyz;
  EXPECT_NE(readyz.find("Key Vault Secrets User"), std::string::npos) << readyz;
  EXPECT_EQ(call("/api/v1/backends", kFirstKey), 200) << "the last good keys still serve";
  std::string probe;
  call("/readyz", "", &probe);
  EXPECT_EQ(probe.find("api_keys"), std::string::npos) << "a probe without a key sees no details: " << probe;
  EXPECT_EQ(stop(), 0);
  const std::string err = stderr_text();
  EXPECT_NE(err.find("tinkr-server: warning: forbidden: api_keys_from '" + kUri + "'"), std::string::npos)
      << err;
  EXPECT_NE(err.find("; the last good keys (1 from the secret) stay in use"), std::string::npos) << err;
  expect_no_token_in(err + readyz);
}

TEST_F(KeyVaultServer, AMissingSecretStopsTheStartNamingIt) {
  ASSERT_FALSE(start()) << "started without its keys";
  EXPECT_EQ(server_->wait(), 5);  // not_found
  const std::string err = stderr_text();
  EXPECT_NE(err.find("tinkr-server: not_found: api_keys_from '" + kUri + "': vault https://" + kVaultHost +
                     " secret '" + kSecretName + "': key vault answered HTTP 404 (SecretNotFound)"),
            std::string::npos)
      << err;
  expect_no_token_in(err);
}

TEST_F(KeyVaultServer, AForbiddenSecretStopsTheStartNamingTheRole) {
  fake_.set_secret(kSecretName, key_secret(kFirstKey, "grafana"));
  fake_.push_response(Route::key_vault_secret, FakeResponse::key_vault_forbidden());
  ASSERT_FALSE(start()) << "started without its keys";
  EXPECT_EQ(server_->wait(), 7);  // forbidden
  const std::string err = stderr_text();
  EXPECT_NE(err.find("key vault answered HTTP 403"), std::string::npos) << err;
  EXPECT_NE(
      err.find("the identity needs the role 'Key Vault Secrets User' on the vault (az role assignment create "
               "--assignee 5b2e0c3a-1111-2222-3333-444455556666 --role \"Key Vault Secrets User\""),
      std::string::npos)
      << "the caller's oid from Key Vault's message: " << err;
  EXPECT_EQ(err.find('\r'), std::string::npos) << "Key Vault's multi-line message arrives on one line";
  expect_no_token_in(err);
}

TEST_F(KeyVaultServer, AVaultOutsideTheCloudIsRefusedBeforeAnyToken) {
  ASSERT_FALSE(start("keyvault:https://kv-tinkr.evil.example/secrets/keys")) << "started";
  EXPECT_EQ(server_->wait(), 12);  // config
  const std::string err = stderr_text();
  EXPECT_NE(
      err.find("the host 'kv-tinkr.evil.example' is not a vault of the public cloud (NAME.vault.azure.net)"),
      std::string::npos)
      << err;
  EXPECT_EQ(fake_.token_requests_total(), 0u);
  EXPECT_TRUE(proxy_.targets().empty());
}

}  // namespace
}  // namespace tinkr::testing
