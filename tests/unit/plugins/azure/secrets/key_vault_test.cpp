// Key Vault secrets (issue 14 item 8): which URIs the plugin accepts (https on the cloud's vault
// suffix only, checked before any token is fetched), the GetSecret request it sends with a token for
// the cloud's Key Vault resource, and its errors (a 403 names the role, never the token or value).
#include "secrets/key_vault.hpp"
#include "backend/azure_backend.hpp"
#include "credential_test_support.hpp"
#include "secrets/key_vault_uri.hpp"

#include <tinkr/sdk/error.hpp>

#include <gtest/gtest.h>

namespace tinkr::azure {
namespace {

using namespace testing;

constexpr const char* kUri = "keyvault:https://kv-tinkr.vault.azure.net/secrets/tinkr-api-keys";

sdk::Error refusal(std::string_view uri, Cloud cloud = Cloud::public_cloud) {
  try {
    parse_key_vault_uri(uri, cloud);
  } catch (const sdk::Error& e) {
    return e;
  }
  ADD_FAILURE() << "accepted " << uri;
  return sdk::Error(TINKR_INTERNAL, "accepted");
}

TEST(KeyVaultUri, AcceptsAVaultOfTheConfiguredCloud) {
  auto secret = parse_key_vault_uri(kUri, Cloud::public_cloud);
  EXPECT_EQ(secret.vault_url, "https://kv-tinkr.vault.azure.net");
  EXPECT_EQ(secret.name, "tinkr-api-keys");
  EXPECT_EQ(secret.version, "");
  EXPECT_EQ(secret_request_url(secret),
            "https://kv-tinkr.vault.azure.net/secrets/tinkr-api-keys?api-version=7.4");
  auto pinned = parse_key_vault_uri(
      "keyvault:https://KV-Tinkr.vault.azure.net:443/secrets/keys/0123456789abcdef0123456789ABCDEF",
      Cloud::public_cloud);
  EXPECT_EQ(pinned.vault_url, "https://kv-tinkr.vault.azure.net");
  EXPECT_EQ(secret_request_url(pinned),
            "https://kv-tinkr.vault.azure.net/secrets/keys/0123456789abcdef0123456789ABCDEF?api-version=7.4");
  EXPECT_EQ(parse_key_vault_uri("keyvault:https://kv-gov.vault.usgovcloudapi.net/secrets/k", Cloud::usgov)
                .vault_url,
            "https://kv-gov.vault.usgovcloudapi.net");
  EXPECT_EQ(parse_key_vault_uri("keyvault:https://kv-cn.vault.azure.cn/secrets/k", Cloud::china).name, "k");
  EXPECT_EQ(key_vault_resource(Cloud::public_cloud), "https://vault.azure.net");
  EXPECT_EQ(key_vault_resource(Cloud::usgov), "https://vault.usgovcloudapi.net");
  EXPECT_EQ(key_vault_resource(Cloud::china), "https://vault.azure.cn");
}

TEST(KeyVaultUri, RefusesEverythingElseNamingTheCause) {
  const std::pair<const char*, const char*> cases[] = {
      {"keyvault:http://kv-tinkr.vault.azure.net/secrets/k", "not an https URL"},
      {"keyvault:https://evil.example/secrets/k",
       "the host 'evil.example' is not a vault of the public cloud"},
      {"keyvault:https://kv.vault.azure.net.evil.example/secrets/k", "is not a vault of the public cloud"},
      {"keyvault:https://kv-tinkr.vault.azure.cn/secrets/k", "is not a vault of the public cloud"},
      {"keyvault:https://x.vault.azure.net/secrets/k", "is not a vault"},  // names are 3-24 characters
      {"keyvault:https://kv--x.vault.azure.net/secrets/k", "is not a vault"},
      {"keyvault:https://kv-tinkr.vault.azure.net:8443/secrets/k", "port 443 only"},
      {"keyvault:https://kv-tinkr.vault.azure.net/keys/k", "the path must start with /secrets/"},
      {"keyvault:https://kv-tinkr.vault.azure.net/secrets/", "the secret name must be"},
      {"keyvault:https://kv-tinkr.vault.azure.net/secrets/a_b", "the secret name must be"},
      {"keyvault:https://kv-tinkr.vault.azure.net/secrets/k/../../x", "the version must be"},
      {"keyvault:https://kv-tinkr.vault.azure.net/secrets/k?api-version=1", "a query or fragment"},
      {"keyvault:https://u:p@kv-tinkr.vault.azure.net/secrets/k", "not an https URL"},
  };
  for (const auto& [uri, cause] : cases) {
    const auto e = refusal(uri);
    EXPECT_EQ(e.status(), TINKR_CONFIG) << uri;
    EXPECT_NE(e.message().find(cause), std::string::npos) << uri << " -> " << e.message();
    EXPECT_NE(e.message().find("expected keyvault:https://NAME.vault.azure.net/secrets/SECRET"),
              std::string::npos)
        << e.message();
  }
  EXPECT_EQ(refusal("vault:https://kv-tinkr.vault.azure.net/secrets/k").status(), TINKR_UNSUPPORTED);
  EXPECT_NE(refusal("keyvault:https://kv.vault.azure.net/secrets/k", Cloud::usgov)
                .message()
                .find("(NAME.vault.usgovcloudapi.net)"),
            std::string::npos);
}

TEST(KeyVaultAnswer, TakesTheValueAndNeverQuotesTheBody) {
  EXPECT_EQ(secret_value_from_answer(R"({"value":"a\nb","id":"x","attributes":{}})", "s"), "a\nb");
  try {
    secret_value_from_answer(R"({"valu":"hidden-value"})", "vault v secret 's'");
    FAIL();
  } catch (const sdk::Error& e) {
    EXPECT_EQ(e.status(), TINKR_UPSTREAM_UNAVAILABLE);
    EXPECT_EQ(std::string(e.message()).find("hidden-value"), std::string::npos) << e.message();
  }
}

class KeyVaultBackend : public ::testing::Test {
 protected:
  KeyVaultBackend() {
    fake_.handler = [this](const sdk::HttpRequest& request) {
      if (request.url.starts_with("https://login.test/")) return json_response(200, entra_ok());
      return vault_(request);
    };
  }
  std::string read(std::string_view uri) {
    AzureBackend backend(fake_.host(), kOptions, kServicePrincipal(), no_az());
    return backend.read_secret(uri, fake_.call());
  }
  static Environment kServicePrincipal() {
    return fixed_environment(
        {{"AZURE_TENANT_ID", "t"}, {"AZURE_CLIENT_ID", "c"}, {"AZURE_CLIENT_SECRET", kSecret}});
  }
  static CommandRunner no_az() {
    return
        [](const std::vector<std::string>&, int64_t) -> CommandResult { throw std::runtime_error("no az"); };
  }
  static constexpr const char* kOptions = R"({"workspace_id":"11111111-2222-3333-4444-555555555555",
    "subscription_id":"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee","resource_group":"rg","authority_host":"https://login.test","ca_file":"/tmp/test-ca.pem"})";

  FakeHost fake_;
  std::function<sdk::HttpResponse(const sdk::HttpRequest&)> vault_ = [](const sdk::HttpRequest&) {
    return json_response(200, R"({"value":"[auth]\napi_keys = []\n"})");
  };
};

TEST_F(KeyVaultBackend, GetsTheSecretWithAKeyVaultToken) {
  EXPECT_EQ(read(kUri), "[auth]\napi_keys = []\n");
  const auto requests = fake_.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_NE(requests[0].body.find("scope=https%3A%2F%2Fvault.azure.net%2F.default"), std::string::npos)
      << requests[0].body;
  EXPECT_EQ(requests[1].method, "GET");
  EXPECT_EQ(requests[1].url, "https://kv-tinkr.vault.azure.net/secrets/tinkr-api-keys?api-version=7.4");
  EXPECT_EQ(requests[1].ca_file, "/tmp/test-ca.pem");
  bool bearer = false;
  for (const auto& h : requests[1].headers)
    bearer |= h.name == "Authorization" && h.value == std::string("Bearer ") + kTokenText;
  EXPECT_TRUE(bearer);
}

TEST_F(KeyVaultBackend, AVaultElsewhereGetsNoTokenAndNoRequest) {
  EXPECT_THROW(read("keyvault:https://evil.example/secrets/k"), sdk::Error);
  EXPECT_TRUE(fake_.requests().empty()) << "refused before any token was fetched";
}

TEST_F(KeyVaultBackend, A403NamesTheRoleOnOneLineWithoutTheToken) {
  vault_ = [](const sdk::HttpRequest&) {
    return json_response(
        403,
        R"({"error":{"code":"Forbidden","message":"Caller is not authorized to perform action on resource.\r\nAction: 'Microsoft.KeyVault/vaults/secrets/getSecret/action'\r\n","innererror":{"code":"ForbiddenByRbac"}}})");
  };
  try {
    read(kUri);
    FAIL();
  } catch (const sdk::Error& e) {
    EXPECT_EQ(e.status(), TINKR_FORBIDDEN);
    const std::string message = e.message();
    EXPECT_NE(
        message.find(
            "vault https://kv-tinkr.vault.azure.net secret 'tinkr-api-keys': key vault answered HTTP 403"),
        std::string::npos)
        << message;
    EXPECT_NE(message.find("'Key Vault Secrets User'"), std::string::npos) << message;
    EXPECT_EQ(message.find_first_of("\r\n"), std::string::npos) << message;
    EXPECT_EQ(message.find(kTokenText), std::string::npos) << message;
  }
}

TEST_F(KeyVaultBackend, AMissingSecretIsNotFound) {
  vault_ = [](const sdk::HttpRequest&) {
    return json_response(
        404,
        R"({"error":{"code":"SecretNotFound","message":"A secret with (name/id) tinkr-api-keys was not found in this key vault."}})");
  };
  try {
    read(kUri);
    FAIL();
  } catch (const sdk::Error& e) {
    EXPECT_EQ(e.status(), TINKR_NOT_FOUND);
    EXPECT_NE(std::string(e.message()).find("(SecretNotFound)"), std::string::npos) << e.message();
  }
}

}  // namespace
}  // namespace tinkr::azure
