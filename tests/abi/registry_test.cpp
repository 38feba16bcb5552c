// The registry against real shared libraries: the mock backend, one fixture per failure path, and a
// file that is not a library at all. Each error's message is asserted, since it is what users read.
#include <dlfcn.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tinkr/engine.hpp"
#include "tinkr/plugin.h"
#include "tinkr/registry.hpp"

namespace tinkr {
namespace {

std::string fixture(const std::string& name) {
  return std::string(TINKR_ABI_FIXTURE_DIR) + "/libtinkr-" + name + ".so";
}

TEST(Registry, LoadsTheMockPluginByName) {
  PluginRegistry registry({TINKR_PLUGIN_DIR});
  auto plugin = registry.load("mock");
  ASSERT_TRUE(plugin) << plugin.error().to_string();
  EXPECT_EQ(plugin->name(), "mock");
  EXPECT_EQ(plugin->version(), "1.0.0");
  EXPECT_EQ(plugin->abi(), "1.4");
  EXPECT_NE(plugin->capabilities_json().find("\"trace_get\""), std::string::npos)
      << "describe() is kept whole";
}

TEST(Registry, UnknownNameSaysWhereItLooked) {
  PluginRegistry registry({"/nonexistent/dir"});
  auto plugin = registry.load("nosuch");
  ASSERT_FALSE(plugin);
  EXPECT_EQ(plugin.error().code(), Error::Code::not_found);
  EXPECT_NE(plugin.error().message().find(
                "backend 'nosuch': no plugin libtinkr-nosuch.so in the plugin search path "
                "(/nonexistent/dir)"),
            std::string::npos)
      << plugin.error().message();
}

TEST(Registry, RefusesANameThatCouldEscapeTheFolder) {
  auto plugin = PluginRegistry({TINKR_PLUGIN_DIR}).load("../mock");
  ASSERT_FALSE(plugin);
  EXPECT_EQ(plugin.error().code(), Error::Code::config);
}

TEST(Registry, RefusesAPluginOfAnotherAbiMajorNamingBothVersions) {
  auto plugin = PluginRegistry().load_file(fixture("abi_v2"));
  ASSERT_FALSE(plugin);
  EXPECT_EQ(plugin.error().code(), Error::Code::plugin_abi);
  EXPECT_EQ(plugin.error().message(),
            "plugin '" + fixture("abi_v2") + "' was built for plugin ABI 2.x; this tinkr loads 1.x");
}

TEST(Registry, SdkPluginRefusesAHostOfAnotherAbiMajor) {
  // The SDK's entry checks the host's version before touching the host table.
  void* handle = dlopen((std::string(TINKR_PLUGIN_DIR) + "/libtinkr-mock.so").c_str(), RTLD_NOW | RTLD_LOCAL);
  ASSERT_NE(handle, nullptr) << dlerror();
  auto entry = reinterpret_cast<tinkr_plugin_entry_fn>(dlsym(handle, TINKR_PLUGIN_ENTRY_SYMBOL));
  ASSERT_NE(entry, nullptr);
  const tinkr_plugin* table = nullptr;
  const char* reason = nullptr;
  EXPECT_EQ(entry(2, 0, nullptr, &table, &reason), TINKR_PLUGIN_ABI);
  EXPECT_EQ(table, nullptr);
  ASSERT_NE(reason, nullptr);
  EXPECT_STREQ(reason, "plugin 'mock' was built for plugin ABI 1.x; the host speaks 2.0");
  dlclose(handle);
}

TEST(Registry, MissingEntrySymbolIsNamed) {
  auto plugin = PluginRegistry().load_file(fixture("no_entry"));
  ASSERT_FALSE(plugin);
  EXPECT_EQ(plugin.error().code(), Error::Code::plugin_abi);
  EXPECT_EQ(plugin.error().message(),
            "plugin '" + fixture("no_entry") + "': no entry point 'tinkr_plugin_entry'");
}

TEST(Registry, TableTooSmallGivesBothSizes) {
  auto plugin = PluginRegistry().load_file(fixture("small_table"));
  ASSERT_FALSE(plugin);
  EXPECT_EQ(plugin.error().message(), "plugin '" + fixture("small_table") +
                                          "': plugin table too small (24 bytes; ABI 1.0 needs at least 88)");
}

TEST(Registry, MembersPastTheTablesSizeAreNeverCalled) {
  // The table ends before check_health and ingest; the fixture's functions there report a misread.
  auto plugin = PluginRegistry().load_file(fixture("short_table"));
  ASSERT_TRUE(plugin) << plugin.error().to_string();
  auto engine = Engine::open_plugin(*plugin, "{}", "short");
  ASSERT_TRUE(engine) << engine.error().to_string();
  auto health = (*engine)->check_health();
  ASSERT_TRUE(health) << health.error().to_string();
  EXPECT_EQ(health->json, R"({"status":"ok"})") << "a table without check_health is healthy by default";
  EXPECT_TRUE(health->healthy);
  auto stored = (*engine)->ingest("otlp-json", "x.json", "{}");
  ASSERT_FALSE(stored) << *stored;
  EXPECT_EQ(stored.error().code(), Error::Code::unsupported);
  auto secret = (*engine)->read_secret("keyvault:https://kv.vault.azure.net/secrets/keys");
  ASSERT_FALSE(secret) << "read_secret (1.2) lies past a 1.0 table's end: " << *secret;
  EXPECT_EQ(secret.error().code(), Error::Code::unsupported);
  EXPECT_NE(secret.error().message().find("backend 'cfixture' reads no secrets"), std::string::npos)
      << secret.error().message();
}

TEST(Registry, APluginOlderThan1_3NeverSeesNoCacheOrStatisticsAndANoteSaysSo) {
  auto plugin = PluginRegistry().load_file(fixture("short_table"));
  ASSERT_TRUE(plugin) << plugin.error().to_string();
  auto engine = Engine::open_plugin(*plugin, "{}", "short");
  ASSERT_TRUE(engine) << engine.error().to_string();
  ir::Query query;
  query.time = {1, 2};
  query.limit = 10;
  query.no_cache = true;
  query.statistics = true;
  auto result = (*engine)->collect(query);
  ASSERT_TRUE(result) << "the fixture refuses an IR with the 1.3 members: " << result.error().to_string();
  ASSERT_EQ(result->stats.notices.size(), 1u);
  EXPECT_NE(result->stats.notices[0].find("older than 1.3) cannot skip its cache or report statistics"),
            std::string::npos)
      << result->stats.notices[0];
  EXPECT_TRUE(result->stats.statistics_json.empty());
}

TEST(Registry, MalformedDescribeJsonIsRefused) {
  auto plugin = PluginRegistry().load_file(fixture("bad_describe"));
  ASSERT_FALSE(plugin);
  EXPECT_EQ(plugin.error().code(), Error::Code::plugin_abi);
  EXPECT_NE(plugin.error().message().find("plugin '" + fixture("bad_describe") +
                                          "': describe returned invalid capabilities"),
            std::string::npos)
      << plugin.error().message();
}

TEST(Registry, EntryPointRefusalCarriesThePluginsReason) {
  auto plugin = PluginRegistry().load_file(fixture("refusing"));
  ASSERT_FALSE(plugin);
  EXPECT_EQ(plugin.error().message(), "plugin '" + fixture("refusing") + "': refused to load: broken!");
}

TEST(Registry, AFileThatIsNotASharedLibrary) {
  auto dir = std::filesystem::temp_directory_path() / "tinkr-abi-notalib";
  std::filesystem::create_directories(dir);
  auto path = (dir / "libtinkr-garbage.so").string();
  std::ofstream(path) << "this is text, not ELF\n";
  auto plugin = PluginRegistry().load_file(path);
  ASSERT_FALSE(plugin);
  EXPECT_EQ(plugin.error().code(), Error::Code::plugin_abi);
  EXPECT_NE(plugin.error().message().find("plugin '" + path + "': not a loadable shared library ("),
            std::string::npos)
      << plugin.error().message();
}

TEST(Registry, MissingFile) {
  auto plugin = PluginRegistry().load_file("/nonexistent/libtinkr-x.so");
  ASSERT_FALSE(plugin);
  EXPECT_EQ(plugin.error().message(), "plugin '/nonexistent/libtinkr-x.so': no such file");
}

TEST(Registry, ListingReportsEveryPluginAndEveryErrorSeparately) {
  PluginRegistry registry({TINKR_ABI_FIXTURE_DIR, TINKR_PLUGIN_DIR});
  auto listings = registry.list();
  int loaded = 0, broken = 0;
  bool mock_found = false;
  for (const auto& l : listings) {
    EXPECT_NE(l.plugin.has_value(), l.error.has_value()) << l.path << ": exactly one of plugin or error";
    if (l.plugin) ++loaded;
    if (l.error) ++broken;
    if (l.plugin && l.plugin->name() == "mock") mock_found = true;
  }
  EXPECT_EQ(broken, 5) << "each fixture fails on its own";
  EXPECT_TRUE(mock_found) << "a broken plugin never hides a good one";
  EXPECT_GE(loaded, 1);
}

TEST(Registry, SearchPathHonoursTinkrPluginPathFirst) {
  setenv("TINKR_PLUGIN_PATH", "/first:/second", 1);
  auto path = PluginRegistry::default_search_path();
  unsetenv("TINKR_PLUGIN_PATH");
  ASSERT_GE(path.size(), 3u);
  EXPECT_EQ(path[0], "/first");
  EXPECT_EQ(path[1], "/second");
  EXPECT_NE(path.back().find("lib/tinkr/plugins"), std::string::npos) << "the build tree comes last";
}

}  // namespace
}  // namespace tinkr
