// Which profile a run uses: --profile, TINKR_PROFILE, active_profile, TINKR_BACKEND alone, the only
// profile, then the local default.
#include "config_fixture.hpp"

namespace {

using tinkr_test::ConfigTest;

constexpr const char* kTwoProfiles = "[profiles.a]\nbackend = \"azure\"\n[profiles.b]\nbackend = \"local\"\n";

TEST_F(ConfigTest, NoConfigAndNoBackendIsTheLocalDefault) {
  auto config = tinkr::config::load(sources());
  ASSERT_TRUE(config);
  std::string notice;
  auto profile = tinkr::config::select_profile(*config, "", &notice, home_);
  ASSERT_TRUE(profile) << profile.error().message();
  EXPECT_EQ(profile->backend, "local");
  EXPECT_EQ(profile->options_json, R"({"path":")" + home_ + R"(/.tinkr/local.db"})");
  EXPECT_EQ(notice, "no configuration found: using the local backend at ~/.tinkr/local.db");
}

TEST_F(ConfigTest, TinkrBackendAloneWorksFromTheEnvironment) {
  env_.set("TINKR_BACKEND", "azure");
  std::string notice;
  auto profile = tinkr::config::select_profile(tinkr::config::Config{}, "", &notice, home_);
  ASSERT_TRUE(profile) << profile.error().message();
  EXPECT_EQ(profile->name, "env");
  EXPECT_EQ(profile->backend, "azure");
  EXPECT_EQ(profile->options_json, "{}") << "the plugin reads its own variables";
  EXPECT_EQ(profile->origin, "environment");
  EXPECT_FALSE(notice.empty());
}

TEST_F(ConfigTest, TinkrBackendMayComeFromDotEnv) {
  write(".env", "TINKR_BACKEND=azure\n");
  auto profile = tinkr::config::select_profile(tinkr::config::Config{}, "", nullptr, home_);
  ASSERT_TRUE(profile) << profile.error().message();
  EXPECT_EQ(profile->backend, "azure");
}

TEST_F(ConfigTest, RequestedBeatsTinkrProfileBeatsActiveProfile) {
  auto config = tinkr::config::parse(std::string("active_profile = \"a\"\n") + kTwoProfiles, "c.toml", home_);
  ASSERT_TRUE(config) << config.error().message();
  std::string notice = "stale";
  EXPECT_EQ(tinkr::config::select_profile(*config, "", &notice, home_)->name, "a");
  EXPECT_TRUE(notice.empty()) << "an explicit choice needs no notice";
  env_.set("TINKR_PROFILE", "b");
  EXPECT_EQ(tinkr::config::select_profile(*config, "", nullptr, home_)->name, "b");
  EXPECT_EQ(tinkr::config::select_profile(*config, "a", nullptr, home_)->name, "a");
  env_.set("TINKR_BACKEND", "other");
  EXPECT_EQ(tinkr::config::select_profile(*config, "", nullptr, home_)->name, "b")
      << "a named profile beats TINKR_BACKEND";
}

TEST_F(ConfigTest, TheOnlyProfileIsUsedWithANotice) {
  auto config = tinkr::config::parse("[profiles.only]\nbackend = \"azure\"\n", "c.toml", home_);
  ASSERT_TRUE(config);
  std::string notice;
  auto profile = tinkr::config::select_profile(*config, "", &notice, home_);
  ASSERT_TRUE(profile);
  EXPECT_EQ(profile->name, "only");
  EXPECT_EQ(notice, "using profile 'only', the only one in c.toml");
}

TEST_F(ConfigTest, SeveralProfilesAndNoChoiceIsAnError) {
  auto config = tinkr::config::parse(kTwoProfiles, "c.toml", home_);
  ASSERT_TRUE(config);
  auto profile = tinkr::config::select_profile(*config, "", nullptr, home_);
  ASSERT_FALSE(profile);
  EXPECT_EQ(
      profile.error().message(),
      "config c.toml: 2 profiles and no active_profile: choose one with --profile or TINKR_PROFILE, or set "
      "active_profile (profiles: a, b)");
}

TEST_F(ConfigTest, UnknownProfileNamesWhoAskedForIt) {
  auto config = tinkr::config::parse(kTwoProfiles, "c.toml", home_);
  ASSERT_TRUE(config);
  auto requested = tinkr::config::select_profile(*config, "prod", nullptr, home_);
  ASSERT_FALSE(requested);
  EXPECT_EQ(requested.error().message(),
            "config c.toml: no profile 'prod' (named by --profile; profiles: a, b)");
  env_.set("TINKR_PROFILE", "staging");
  auto from_environment = tinkr::config::select_profile(tinkr::config::Config{}, "", nullptr, home_);
  ASSERT_FALSE(from_environment);
  EXPECT_TRUE(from_environment.error().message().starts_with(
      "profile 'staging' (named by TINKR_PROFILE) cannot be found: there is no config file"))
      << from_environment.error().message();
}

}  // namespace
