// Reading config files: the product page's TOML verbatim, its YAML twin, every section, env: values
// and ~/.tinkr/.env.
#include "config_fixture.hpp"

namespace {

using tinkr_test::ConfigTest;

// Verbatim from the product's Azure page.
constexpr const char* kPageToml = R"([profiles.azure-prod]
backend = "azure"
workspace_id = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
subscription_id = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
resource_group = "prod-rg"
)";

constexpr const char* kPageYaml = R"(profiles:
  azure-prod:
    backend: azure
    workspace_id: xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx
    subscription_id: xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx
    resource_group: prod-rg
)";

constexpr const char* kFullToml = R"(active_profile = "local-dev"

[profiles.azure-prod]
backend = "azure"
workspace_id = "env:TINKR_TEST_WORKSPACE"
subscription_id = "00000000-0000-0000-0000-000000000000"
resource_group = "prod-rg"
timeout_s = 200
verify_tls = true
scopes = ["a", "b"]
endpoints = { log_analytics = "http://127.0.0.1:9000" }

[profiles.local-dev]
backend = "local"
path = "/tmp/x.db"

[server]
host = "0.0.0.0"
port = 8080
max_concurrent_queries = 32
worker_threads = 8
worker_nice = 0
query_timeout_ms = 120000

[auth]
api_keys = [
  { hash = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08", subject = "alice", roles = ["viewer", "sre-lead"] },
  { hash = "env:TINKR_TEST_SECRET", subject = "bot", roles = ["oncall"] },
]
)";

constexpr const char* kFullYaml = R"(active_profile: local-dev
profiles:
  azure-prod:
    backend: azure
    workspace_id: "env:TINKR_TEST_WORKSPACE"
    subscription_id: "00000000-0000-0000-0000-000000000000"
    resource_group: prod-rg
    timeout_s: 200
    verify_tls: true
    scopes: [a, b]
    endpoints:
      log_analytics: http://127.0.0.1:9000
  local-dev:
    backend: local
    path: /tmp/x.db
server:
  host: 0.0.0.0
  port: 8080
  max_concurrent_queries: 32
  worker_threads: 8
  worker_nice: 0
  query_timeout_ms: 120000
auth:
  api_keys:
    - hash: 9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08
      subject: alice
      roles: [viewer, sre-lead]
    - {hash: "env:TINKR_TEST_SECRET", subject: bot, roles: [oncall]}
)";

const std::string kSecretHash(64, 'b');

TEST_F(ConfigTest, PageTomlLoadsVerbatim) {
  const std::string path = write("config.toml", kPageToml);
  auto config = tinkr::config::load(sources());
  ASSERT_TRUE(config) << config.error().message();
  EXPECT_EQ(config->path, path);
  ASSERT_EQ(config->profiles.size(), 1u);
  const auto& profile = config->profiles.at("azure-prod");
  EXPECT_EQ(profile.name, "azure-prod");
  EXPECT_EQ(profile.backend, "azure");
  EXPECT_EQ(profile.origin, path);
  auto options = json(profile.options_json);
  EXPECT_FALSE(options.HasMember("backend")) << "backend is not an option: " << profile.options_json;
  EXPECT_STREQ(options["workspace_id"].GetString(), "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx");
  EXPECT_STREQ(options["subscription_id"].GetString(), "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx");
  EXPECT_STREQ(options["resource_group"].GetString(), "prod-rg");
  EXPECT_EQ(options.MemberCount(), 3u);
}

TEST_F(ConfigTest, PageYamlTwinGivesTheSameProfile) {
  write("config.yaml", kPageYaml);
  auto from_yaml = tinkr::config::load(sources());
  ASSERT_TRUE(from_yaml) << from_yaml.error().message();
  auto from_toml = tinkr::config::parse(kPageToml, "page.toml");
  ASSERT_TRUE(from_toml) << from_toml.error().message();
  const auto& yaml_profile = from_yaml->profiles.at("azure-prod");
  const auto& toml_profile = from_toml->profiles.at("azure-prod");
  EXPECT_EQ(yaml_profile.backend, toml_profile.backend);
  EXPECT_EQ(json(yaml_profile.options_json), json(toml_profile.options_json))
      << yaml_profile.options_json << " vs " << toml_profile.options_json;
}

TEST_F(ConfigTest, EverySectionReadsTheSameFromTomlAndYaml) {
  env_.set("TINKR_TEST_WORKSPACE", "ws-from-env");
  env_.set("TINKR_TEST_SECRET", kSecretHash);
  for (const auto& [name, text] : {std::pair{"c.toml", kFullToml}, std::pair{"c.yaml", kFullYaml}}) {
    SCOPED_TRACE(name);
    auto config = tinkr::config::parse(text, name, home_);
    ASSERT_TRUE(config) << config.error().message();
    EXPECT_EQ(config->active_profile, "local-dev");
    ASSERT_EQ(config->profiles.size(), 2u);
    auto options = json(config->profiles.at("azure-prod").options_json);
    EXPECT_STREQ(options["workspace_id"].GetString(), "ws-from-env") << "env: values are resolved";
    EXPECT_EQ(options["timeout_s"].GetInt64(), 200) << "numbers stay numbers";
    EXPECT_TRUE(options["verify_tls"].GetBool()) << "booleans stay booleans";
    EXPECT_EQ(options["scopes"].Size(), 2u);
    EXPECT_STREQ(options["endpoints"]["log_analytics"].GetString(), "http://127.0.0.1:9000")
        << "nested tables become objects";
    EXPECT_EQ(config->profiles.at("local-dev").options_json, R"({"path":"/tmp/x.db"})");
    EXPECT_EQ(config->server.listen_address, "0.0.0.0");
    EXPECT_EQ(config->server.port, 8080);
    EXPECT_EQ(config->server.max_concurrent_queries, 32);
    EXPECT_EQ(config->server.worker_threads, 8);
    EXPECT_EQ(config->server.worker_nice, 0) << "0, the I/O threads' own, is allowed";
    EXPECT_EQ(config->server.query_timeout_ms, 120000);
    EXPECT_EQ(config->server.idle_timeout_ms, 60000) << "unset server keys keep their defaults";
    ASSERT_EQ(config->api_keys.size(), 2u);
    EXPECT_EQ(config->api_keys[0].sha256_hex,
              "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
        << "hashes are kept in lowercase";
    EXPECT_EQ(config->api_keys[0].subject, "alice");
    EXPECT_EQ(config->api_keys[0].roles, (std::vector<std::string>{"viewer", "sre-lead"}));
    EXPECT_EQ(config->api_keys[1].sha256_hex, kSecretHash) << "env: works in [auth] too";
  }
}

TEST_F(ConfigTest, EnvValuesComeFromDotEnvWhenTheEnvironmentLacksThem) {
  write(".env",
        "# local secrets\nexport TINKR_TEST_WORKSPACE=from-dotenv\nTINKR_TEST_SECRET = \"quoted # not a "
        "comment\"\n\n");
  auto config = tinkr::config::parse(
      "[profiles.p]\nbackend = \"azure\"\nworkspace_id = \"env:TINKR_TEST_WORKSPACE\"\nkey = "
      "\"env:TINKR_TEST_SECRET\"\n",
      "x.toml", home_);
  ASSERT_TRUE(config) << config.error().message();
  auto options = json(config->profiles.at("p").options_json);
  EXPECT_STREQ(options["workspace_id"].GetString(), "from-dotenv");
  EXPECT_STREQ(options["key"].GetString(), "quoted # not a comment");
}

TEST_F(ConfigTest, TheEnvironmentWinsOverDotEnv) {
  write(".env", "TINKR_TEST_WORKSPACE=from-dotenv\n");
  env_.set("TINKR_TEST_WORKSPACE", "from-environment");
  auto config = tinkr::config::parse("[profiles.p]\nbackend = \"azure\"\nw = \"env:TINKR_TEST_WORKSPACE\"\n",
                                     "x.toml", home_);
  ASSERT_TRUE(config) << config.error().message();
  EXPECT_EQ(config->profiles.at("p").options_json, R"({"w":"from-environment"})");
}

TEST_F(ConfigTest, ApplyDotEnvSetsOnlyWhatIsUnset) {
  write(".env", "TINKR_TEST_WORKSPACE=from-dotenv\nTINKR_TEST_SECRET=from-dotenv\n");
  env_.set("TINKR_TEST_SECRET", "kept");
  env_.unset("TINKR_TEST_WORKSPACE");  // restored (unset) after the test
  auto applied = tinkr::config::apply_dotenv(home_);
  ASSERT_TRUE(applied) << applied.error().message();
  EXPECT_EQ(*applied, 1);
  EXPECT_STREQ(std::getenv("TINKR_TEST_WORKSPACE"), "from-dotenv");
  EXPECT_STREQ(std::getenv("TINKR_TEST_SECRET"), "kept") << ".env never overrides a variable already set";
}

TEST_F(ConfigTest, NoFileIsAnEmptyConfigNotAnError) {
  auto config = tinkr::config::load(sources());
  ASSERT_TRUE(config) << config.error().message();
  EXPECT_TRUE(config->path.empty());
  EXPECT_TRUE(config->profiles.empty());
}

TEST_F(ConfigTest, TomlIsPreferredAndTinkrConfigNamesAnotherFile) {
  write("config.toml", "[profiles.from-toml]\nbackend = \"a\"\n");
  write("config.yaml", "profiles: {from-yaml: {backend: b}}\n");
  auto preferred = tinkr::config::load(sources());
  ASSERT_TRUE(preferred) << preferred.error().message();
  EXPECT_TRUE(preferred->profiles.contains("from-toml"));
  const std::string other = write("other.yml", "profiles: {from-yml: {backend: c}}\n");
  env_.set("TINKR_CONFIG", other);
  auto named = tinkr::config::load(sources());
  ASSERT_TRUE(named) << named.error().message();
  EXPECT_EQ(named->path, other);
  EXPECT_TRUE(named->profiles.contains("from-yml"));
  auto explicit_path = tinkr::config::load({home_ + "/.tinkr/config.yaml", home_});
  ASSERT_TRUE(explicit_path) << explicit_path.error().message();
  EXPECT_TRUE(explicit_path->profiles.contains("from-yaml")) << "--config beats TINKR_CONFIG";
}

TEST_F(ConfigTest, TinkrDirIsUnderTheGivenHome) {
  EXPECT_EQ(tinkr::config::tinkr_dir("/home/u"), "/home/u/.tinkr");
  env_.set("HOME", "/home/someone");
  EXPECT_EQ(tinkr::config::tinkr_dir(), "/home/someone/.tinkr");
}

}  // namespace
