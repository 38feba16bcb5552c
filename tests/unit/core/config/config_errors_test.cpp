// Every config error names the file, the key and what was expected.
#include "config_fixture.hpp"

namespace {

using tinkr_test::ConfigTest;

struct ErrorCase {
  const char* name;  // file name: decides the syntax
  const char* text;
  const char* message;  // after "config <home>/.tinkr/<name>: "
};

class ConfigErrorTest : public ConfigTest, public ::testing::WithParamInterface<ErrorCase> {};

TEST_P(ConfigErrorTest, MessageNamesFileKeyAndExpectation) {
  const ErrorCase& c = GetParam();
  const std::string path = write(c.name, c.text);
  auto config = tinkr::config::load({path, home_});
  ASSERT_FALSE(config) << "should fail: " << c.text;
  EXPECT_EQ(config.error().code(), tinkr::Error::Code::config);
  EXPECT_EQ(config.error().message(), "config " + path + ": " + c.message);
}

const ErrorCase kErrors[] = {
    {"config.toml", "[profiles.azure-prod]\nbackend = 42\n",
     "profile 'azure-prod': 'backend' must be a string"},
    {"config.toml", "[profiles.azure-prod]\nworkspace_id = \"w\"\n",
     "profile 'azure-prod': 'backend' is missing (e.g. backend = \"azure\")"},
    {"config.toml", "[profiles.p]\nbackend = \"azure\"\nworkspace_id = \"env:TINKR_TEST_UNSET\"\n",
     "profile 'p': key 'workspace_id' is \"env:TINKR_TEST_UNSET\" but TINKR_TEST_UNSET is not set"},
    {"config.toml", "[profiles.p]\nbackend = \"azure\"\nendpoints = { arm = \"env:TINKR_TEST_UNSET\" }\n",
     "profile 'p': key 'endpoints.arm' is \"env:TINKR_TEST_UNSET\" but TINKR_TEST_UNSET is not set"},
    {"config.toml", "[profiles.p]\nbackend = \"env:\"\n",
     "profile 'p': key 'backend' is \"env:\" without a variable name"},
    {"config.toml", "profiles = 3\n", "'profiles' must be a table of profiles ([profiles.NAME])"},
    {"config.toml", "[profiles]\np = 3\n", "profile 'p': must be a table, found a number"},
    {"config.toml", "workspace = \"w\"\n",
     "unknown key 'workspace' (expected active_profile, profiles, server or auth)"},
    {"config.toml", "active_profile = 3\n", "'active_profile' must be a string naming a profile"},
    {"config.toml", "active_profile = \"nope\"\n[profiles.a]\nbackend = \"x\"\n",
     "active_profile 'nope' is not one of the profiles (a)"},
    {"config.toml", "[server]\nport = 70000\n",
     "server: 'port' must be an integer from 1 to 65535, found 70000"},
    {"config.toml", "[server]\nport = \"80\"\n",
     "server: 'port' must be an integer from 1 to 65535, found a string"},
    {"config.toml", "[server]\nhots = \"x\"\n",
     "server: unknown key 'hots' (expected host, port, max_concurrent_queries, max_connections, "
     "max_body_bytes, header_timeout_ms, idle_timeout_ms, query_timeout_ms, worker_threads or worker_nice)"},
    {"config.toml", "[server]\nworker_threads = 0\n",
     "server: 'worker_threads' must be an integer from 1 to 1024, found 0"},
    {"config.toml", "[server]\nworker_nice = 20\n",
     "server: 'worker_nice' must be an integer from 0 to 19, found 20"},
    {"config.toml", "[server]\nworker_nice = -1\n",
     "server: 'worker_nice' must be an integer from 0 to 19, found -1"},
    {"config.toml", "server = 1\n", "'server' must be a table ([server])"},
    {"config.toml", "[auth]\nkeys = []\n",
     "auth: unknown key 'keys' (expected api_keys, api_keys_from or api_keys_refresh_seconds)"},
    {"config.toml", "[auth]\napi_keys = [{ hash = \"abc\", subject = \"a\", roles = [\"viewer\"] }]\n",
     "auth.api_keys[0]: 'hash' must be 64 hexadecimal characters (the SHA-256 of the key)"},
    {"config.toml",
     "[auth]\napi_keys = [{ hash = \""
     "zz00000000000000000000000000000000000000000000000000000000000000"
     "\", subject = \"a\", "
     "roles = [\"viewer\"] }]\n",
     "auth.api_keys[0]: 'hash' must be 64 hexadecimal characters (the SHA-256 of the key)"},
    {"config.toml",
     "[auth]\napi_keys = [{ hash = \""
     "0000000000000000000000000000000000000000000000000000000000000000"
     "\", subject = \"a\", "
     "roles = [\"admin\"] }]\n",
     "auth.api_keys[0]: 'roles' has 'admin'; expected viewer, oncall or sre-lead"},
    {"config.toml",
     "[auth]\napi_keys = [{ hash = \""
     "0000000000000000000000000000000000000000000000000000000000000000"
     "\", roles = [\"viewer\"] }]\n",
     "auth.api_keys[0]: 'subject' must be a non-empty string (who the key belongs to)"},
    {"config.toml",
     "[auth]\napi_keys = [{ hash = \""
     "0000000000000000000000000000000000000000000000000000000000000000"
     "\", subject = \"a\", "
     "roles = [] }]\n",
     "auth.api_keys[0]: 'roles' must be a non-empty array of viewer, oncall, sre-lead"},
    {"config.toml",
     "[auth]\napi_keys = [{ hash = \""
     "0000000000000000000000000000000000000000000000000000000000000000"
     "\", subject = \"a\", "
     "roles = [\"viewer\"], note = 1 }]\n",
     "auth.api_keys[0]: unknown key 'note' (expected hash, subject and roles)"},
    {"config.yaml", "profiles:\n  p:\n    backend: [a]\n", "profile 'p': 'backend' must be a string"},
    {"config.yaml", "- a\n- b\n", "expected a table of settings at the top, found an array"},
    {"config.yaml", "servr:\n  port: 1\n",
     "unknown key 'servr' (expected active_profile, profiles, server or auth)"},
    {"config.yml", "server:\n  port: \"8080\"\n",
     "server: 'port' must be an integer from 1 to 65535, found a string"},
};
INSTANTIATE_TEST_SUITE_P(Schema, ConfigErrorTest, ::testing::ValuesIn(kErrors));

TEST_F(ConfigTest, TomlSyntaxErrorNamesFileLineAndColumn) {
  const std::string path = write("config.toml", "[profiles.p]\nbackend = \"azure\nx = 1\n");
  auto config = tinkr::config::load({path, home_});
  ASSERT_FALSE(config);
  EXPECT_TRUE(config.error().message().starts_with("config " + path + ":2:")) << config.error().message();
}

TEST_F(ConfigTest, YamlSyntaxErrorNamesFileLineAndColumn) {
  const std::string path = write("config.yaml", "profiles:\n  p: [unclosed\n");
  auto config = tinkr::config::load({path, home_});
  ASSERT_FALSE(config);
  EXPECT_TRUE(config.error().message().starts_with("config " + path + ":")) << config.error().message();
  EXPECT_NE(config.error().message().find(":3:"), std::string::npos) << config.error().message();
}

TEST_F(ConfigTest, MissingExplicitFileIsAnError) {
  auto by_flag = tinkr::config::load({home_ + "/nope.toml", home_});
  ASSERT_FALSE(by_flag);
  EXPECT_EQ(by_flag.error().message(), "config " + home_ + "/nope.toml: no such file (named by --config)");
  env_.set("TINKR_CONFIG", home_ + "/gone.yaml");
  auto by_environment = tinkr::config::load(sources());
  ASSERT_FALSE(by_environment);
  EXPECT_EQ(by_environment.error().message(),
            "config " + home_ + "/gone.yaml: no such file (named by TINKR_CONFIG)");
}

TEST_F(ConfigTest, UnknownExtensionIsRefused) {
  auto config = tinkr::config::parse("x = 1", "settings.ini");
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().message(),
            "config settings.ini: unknown format: expected a .toml, .yaml or .yml file");
}

TEST_F(ConfigTest, MalformedDotEnvLineIsNamed) {
  write(".env", "GOOD=1\nthis is not an assignment\n");
  auto config =
      tinkr::config::parse("[profiles.p]\nbackend = \"a\"\nw = \"env:TINKR_TEST_UNSET\"\n", "x.toml", home_);
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().message(),
            "config " + home_ + "/.tinkr/.env:2: expected NAME=value (a variable name, '=', then the value)");
}

}  // namespace
