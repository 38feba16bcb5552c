// What a config may not do although its syntax allows it: YAML aliases and extra documents, keys
// given twice, two API keys with one hash, and numbers outside the range the server can use.
#include "config_fixture.hpp"

namespace {

using tinkr_test::ConfigTest;

// The error for `text` in a file named `name`, or "" when it was accepted.
class ConfigLimitsTest : public ConfigTest {
 protected:
  std::string refusal(const std::string& name, const std::string& text) {
    const std::string path = write(name, text);
    auto config = tinkr::config::load({path, home_});
    if (config) return "";
    EXPECT_EQ(config.error().code(), tinkr::Error::Code::config);
    const std::string prefix = "config " + path + ":";
    EXPECT_TRUE(config.error().message().starts_with(prefix)) << config.error().message();
    return config.error().message().substr(prefix.size());
  }
};

TEST_F(ConfigLimitsTest, ASelfReferringYamlAliasIsRefusedNotFollowed) {
  // Used to recurse without end (SIGSEGV) in tinkr profiles, config check and tinkr-server.
  EXPECT_EQ(refusal("config.yaml", "profiles: &p\n  local: *p\n"),
            "2:10: YAML aliases (*name) are not supported in a config; write the value out");
}

TEST_F(ConfigLimitsTest, AnAliasBombIsRefusedBeforeItExpands) {
  // Nine levels of ten aliases each: a billion leaves from a few hundred bytes.
  std::string text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char level = 'b'; level <= 'j'; ++level) {
    const char previous = static_cast<char>(level - 1);
    text += std::string(1, level) + ": &" + level + " [";
    for (int i = 0; i < 10; ++i) text += std::string(i ? ", *" : "*") + previous;
    text += "]\n";
  }
  EXPECT_EQ(refusal("config.yaml", text),
            "2:8: YAML aliases (*name) are not supported in a config; write the value out");
}

TEST_F(ConfigLimitsTest, AnAnchorWithoutAnAliasIsHarmless) {
  EXPECT_EQ(refusal("config.yaml", "profiles:\n  p: &shared\n    backend: local\n"), "");
}

TEST_F(ConfigLimitsTest, ASecondYamlDocumentIsRefused) {
  EXPECT_EQ(refusal("config.yml", "profiles:\n  p:\n    backend: local\n---\nserver:\n  port: 1\n"),
            "4:1: a second YAML document ('---'); a config file holds one document");
  EXPECT_EQ(refusal("config.yml", "---\nprofiles:\n  p:\n    backend: local\n"), "")
      << "one explicit document";
}

TEST_F(ConfigLimitsTest, DuplicateYamlKeysAndProfilesAreRefusedLikeToml) {
  EXPECT_EQ(refusal("config.yaml", "server:\n  port: 8001\n  port: 8002\n"), "3:3: duplicate key 'port'");
  EXPECT_EQ(refusal("config.yaml", "profiles:\n  p:\n    backend: local\n  p:\n    backend: azure\n"),
            "4:3: duplicate key 'p'");
  EXPECT_NE(refusal("config.toml", "[profiles.p]\nbackend = \"local\"\n[profiles.p]\nbackend = \"azure\"\n"),
            "")
      << "TOML already refuses a table defined twice";
}

TEST_F(ConfigLimitsTest, AYamlKeyMustBeAString) {
  EXPECT_EQ(refusal("config.yaml", "? [a, b]\n: 1\n"), "1:3: a key must be a plain string");
}

constexpr const char* kHashA = "0000000000000000000000000000000000000000000000000000000000000000";

TEST_F(ConfigLimitsTest, TwoApiKeysWithOneHashAreRefused) {
  const std::string toml = std::string("[auth]\napi_keys = [\n") + "  { hash = \"" + kHashA +
                           "\", subject = \"vera\", roles = [\"viewer\"] },\n" + "  { hash = \"" + kHashA +
                           "\", subject = \"lead\", roles = [\"sre-lead\"] },\n]\n";
  const std::string message = refusal("config.toml", toml);
  EXPECT_EQ(
      message,
      " auth.api_keys[1]: 'hash' is the same as auth.api_keys[0]'s (subjects 'vera' and 'lead'); each key "
      "needs its own hash");
  EXPECT_EQ(message.find(kHashA), std::string::npos) << "the hash is not printed";
  // Hex case does not make two hashes different.
  const std::string upper(64, 'A'), lower(64, 'a');
  const std::string yaml = "auth:\n  api_keys:\n    - {hash: \"" + upper +
                           "\", subject: a, roles: [viewer]}\n" + "    - {hash: \"" + lower +
                           "\", subject: b, roles: [oncall]}\n";
  EXPECT_NE(refusal("config.yaml", yaml).find("auth.api_keys[1]: 'hash' is the same"), std::string::npos);
}

struct RangeCase {
  const char* key;
  const char* value;
  const char* range;
};

TEST_F(ConfigLimitsTest, ServerNumbersAreRangeChecked) {
  for (const auto& c : {RangeCase{"header_timeout_ms", "9223372036854775", "1 to 3600000"},
                        RangeCase{"idle_timeout_ms", "0", "1 to 3600000"},
                        RangeCase{"query_timeout_ms", "86400001", "1 to 86400000"},
                        RangeCase{"max_body_bytes", "1073741825", "1 to 1073741824"},
                        RangeCase{"max_concurrent_queries", "100001", "1 to 100000"},
                        RangeCase{"max_connections", "0", "1 to 1000000"}}) {
    EXPECT_EQ(
        refusal("config.toml", std::string("[server]\n") + c.key + " = " + c.value + "\n"),
        std::string(" server: '") + c.key + "' must be an integer from " + c.range + ", found " + c.value);
  }
  const std::string path =
      write("config.toml", "[server]\nheader_timeout_ms = 3600000\nmax_connections = 20\n");
  auto config = tinkr::config::load({path, home_});
  ASSERT_TRUE(config) << config.error().message();
  EXPECT_EQ(config->server.header_timeout_ms, 3'600'000);
  EXPECT_EQ(config->server.max_connections, 20);
}

}  // namespace
