// [auth] api_keys_from and api_keys_refresh_seconds, and the key-hash secret's format
// (config::parse_api_keys): only [auth] api_keys, each key checked as in a config file.
#include <tinkr/config.hpp>

#include <gtest/gtest.h>

namespace {

using tinkr::config::parse;
using tinkr::config::parse_api_keys;

const std::string kHash(64, 'a');
const std::string kUri = "keyvault:https://kv-tinkr.vault.azure.net/secrets/tinkr-api-keys";

TEST(ApiKeysFrom, IsReadWithItsRefreshInterval) {
  auto config = parse("[auth]\napi_keys_from = \"" + kUri + "\"\napi_keys_refresh_seconds = 60\n", "c.toml");
  ASSERT_TRUE(config) << config.error().message();
  EXPECT_EQ(config->api_keys_from, kUri);
  EXPECT_EQ(config->api_keys_refresh_seconds, 60);
  EXPECT_TRUE(config->api_keys.empty());
  auto defaults = parse("[auth]\napi_keys_from = \"" + kUri + "\"\n", "c.toml");
  ASSERT_TRUE(defaults);
  EXPECT_EQ(defaults->api_keys_refresh_seconds, 300);
}

TEST(ApiKeysFrom, BadValuesNameTheKey) {
  auto no_scheme = parse("[auth]\napi_keys_from = \"https://kv.vault.azure.net/secrets/k\"\n", "c.toml");
  ASSERT_TRUE(no_scheme) << "any scheme:rest passes here; the backend judges the scheme";
  auto empty = parse("[auth]\napi_keys_from = \"\"\n", "c.toml");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().message(),
            "config c.toml: auth: 'api_keys_from' must be a secret URI such as "
            "\"keyvault:https://NAME.vault.azure.net/secrets/SECRET\"");
  auto zero = parse("[auth]\napi_keys_refresh_seconds = 0\n", "c.toml");
  ASSERT_FALSE(zero);
  EXPECT_EQ(zero.error().message(),
            "config c.toml: auth: 'api_keys_refresh_seconds' must be an integer from 1 to 86400, found 0");
  auto unknown = parse("[auth]\napi_key_from = \"x:y\"\n", "c.toml");
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message().find("expected api_keys, api_keys_from or api_keys_refresh_seconds"),
            std::string::npos);
}

TEST(ApiKeySecret, HoldsTheConfigsOwnAuthTable) {
  auto keys = parse_api_keys(
      "[auth]\napi_keys = [\n  {hash = \"" + kHash + "\", subject = \"grafana\", roles = [\"viewer\"]},\n]\n",
      kUri);
  ASSERT_TRUE(keys) << keys.error().message();
  ASSERT_EQ(keys->size(), 1u);
  EXPECT_EQ((*keys)[0].subject, "grafana");
  EXPECT_EQ((*keys)[0].sha256_hex, kHash);
  EXPECT_EQ((*keys)[0].roles, std::vector<std::string>{"viewer"});
}

TEST(ApiKeySecret, AnythingElseIsRefusedWithoutQuotingAHash) {
  const std::pair<std::string, std::string> cases[] = {
      {"[server]\nport = 1\n", "unknown key 'server' (a key-hash secret holds only [auth] api_keys = [...])"},
      {"[auth]\napi_keys_from = \"keyvault:x\"\n", "unknown key 'auth.api_keys_from'"},
      {"api_keys = []\n", "unknown key 'api_keys'"},
      {"", "no [auth] table"},
      {"[auth]\napi_keys = [{hash = \"" + kHash + "\", subject = \"a\", roles = [\"root\"]}]\n",
       "auth.api_keys[0]: 'roles' has 'root'"},
      {"[auth]\napi_keys = [{hash = \"" + kHash + "0\", subject = \"a\", roles = [\"viewer\"]}]\n",
       "auth.api_keys[0]: 'hash' must be 64 hexadecimal characters"},
  };
  for (const auto& [text, cause] : cases) {
    auto keys = parse_api_keys(text, kUri);
    ASSERT_FALSE(keys) << text;
    EXPECT_EQ(keys.error().code(), tinkr::Error::Code::config);
    EXPECT_EQ(keys.error().message().rfind("config " + kUri + ": ", 0), 0u) << keys.error().message();
    EXPECT_NE(keys.error().message().find(cause), std::string::npos) << keys.error().message();
    EXPECT_EQ(keys.error().message().find(kHash), std::string::npos) << keys.error().message();
  }
  auto syntax = parse_api_keys("[auth\n", kUri);
  ASSERT_FALSE(syntax);
  EXPECT_EQ(syntax.error().message().rfind("config " + kUri + ":1:", 0), 0u) << syntax.error().message();
}

}  // namespace
