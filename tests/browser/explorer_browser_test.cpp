// tinkr-server's web explorer in a real browser: Debian's chromium, headless, driven by puppeteer-core
// (pinned by package-lock.json; it never downloads a browser). This file starts the servers:
// tinkr-server over the demo hour in the local backend, and over the fake Azure with the azure
// backend; explorer.js makes every check in one browser, prints "N passed, M failed" and the time
// to render 1,000 log records, and saves a screenshot of each view under the build folder.
// Skipped only when tests/browser/node_modules or /usr/bin/chromium is absent (`make setup-test`
// installs both: scripts/setup.sh browser, scripts/kql-deps.sh tests/browser).
#include "process.hpp"

#include <fake_azure.hpp>

#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <iostream>

namespace tinkr::testing {
namespace {

namespace fs = std::filesystem;

const fs::path kScriptDir = fs::path(TINKR_SOURCE_DIR) / "tests" / "browser";
const fs::path kChromium = "/usr/bin/chromium";
const fs::path kScreenshots = fs::path(TINKR_BINARY_DIR) / "tests" / "browser";

std::string skip_reason() {
  if (!fs::exists(kScriptDir / "node_modules" / "puppeteer-core" / "package.json"))
    return "tests/browser/node_modules is absent: run scripts/kql-deps.sh tests/browser";
  if (!fs::exists(kChromium)) return "/usr/bin/chromium is absent: run scripts/setup.sh browser";
  return "";
}

constexpr const char* kViewerKey = "viewer-key-for-the-explorer";

std::string auth_table() {
  return "\n[auth]\napi_keys = [\n  { hash = \"" + api_key_hash(TINKR_SERVER_PATH, kViewerKey) +
         "\", subject = \"vera\", roles = [\"viewer\"] },\n]\n";
}

// Starts tinkr-server on a free port of 127.0.0.1, runs explorer.js against it, stops the server.
void drive_explorer(const std::string& mode, const std::string& config,
                    std::map<std::string, std::string> env) {
  ChildProcess server(TINKR_SERVER_PATH, {"--config", config, "--port", "0", "--quiet"}, env);
  const std::string banner = server.read_line();
  const auto at = banner.find("http://127.0.0.1:");
  ASSERT_NE(at, std::string::npos) << banner;
  fs::create_directories(kScreenshots);
  env["TINKR_EXPLORER_URL"] = banner.substr(at, banner.find(' ', at) - at);
  env["TINKR_VIEWER_KEY"] = kViewerKey;
  env["TINKR_CHROMIUM"] = kChromium.string();
  env["TINKR_SCREENSHOTS"] = kScreenshots.string();
  auto result = run_process(program_on_path("node"), {(kScriptDir / "explorer.js").string(), mode}, env);
  std::cout << result.out;
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find(" passed, 0 failed"), std::string::npos)
      << "explorer.js printed the failures above";
  server.signal(SIGTERM);
  EXPECT_EQ(server.wait(), 0);
}

TEST(ExplorerBrowser, EveryViewOnTheDemoHour) {
  if (auto reason = skip_reason(); !reason.empty()) GTEST_SKIP() << reason;
  TempDir home;
  std::map<std::string, std::string> env = {{"HOME", home.path()}, {"TINKR_PLUGIN_PATH", TINKR_PLUGIN_DIR}};
  auto demo = run_process(TINKR_CLI_PATH, {"demo"}, env);
  ASSERT_EQ(demo.exit_code, 0) << demo.err;
  const std::string config = home.write(
      "explorer.toml", "active_profile = \"local\"\n[profiles.local]\nbackend = \"local\"\npath = \"" +
                           home.path() + "/.tinkr/local.db\"\n" + auth_table());
  drive_explorer("local", config, env);
}

// Azure answers in the Log Analytics format. The first record's message carries a terminal escape
// and markup: the explorer must show both as text.
void program_azure(fake_azure::FakeAzure& azure) {
  azure.on_query([](std::string_view kql) -> std::optional<fake_azure::FakeResponse> {
    if (kql.rfind("AppTraces ", 0) != 0) return std::nullopt;
    return fake_azure::FakeResponse::json(
        200,
        R"({"tables":[{"name":"PrimaryResult","columns":[{"name":"TimeGenerated","type":"datetime"},)"
        R"({"name":"Message","type":"string"},{"name":"SeverityLevel","type":"int"},)"
        R"({"name":"Properties","type":"dynamic"},{"name":"AppRoleName","type":"string"}],"rows":[)"
        R"(["2026-11-25T10:59:30Z","\u001b[31mledger <img src=x id=injected> write failed",3,"{}","payments-api"],)"
        R"(["2026-11-25T10:58:00Z","card declined",2,"{\"order_id\":\"o-17\"}","payments-api"]]}]})");
  });
}

TEST(ExplorerBrowser, LogsOnTheAzureBackendThroughTheFakeAzure) {
  if (auto reason = skip_reason(); !reason.empty()) GTEST_SKIP() << reason;
  fake_azure::FakeAzure azure;
  program_azure(azure);
  TempDir home;
  const std::string config = home.write(
      "config.toml",
      "active_profile = \"azure\"\n[profiles.azure]\nbackend = \"azure\"\ncredential = \"environment\"\n"
      "workspace_id = \"11111111-2222-3333-4444-555555555555\"\n"
      "subscription_id = \"00000000-0000-0000-0000-000000000001\"\nresource_group = \"rg-shop\"\n"
      "log_analytics_endpoint = \"" +
          azure.https_url() + "\"\narm_endpoint = \"" + azure.https_url() + "\"\nauthority_host = \"" +
          azure.https_url() + "\"\nca_file = \"" + azure.ca_file() + "\"\n" + auth_table());
  drive_explorer("azure", config,
                 {{"HOME", home.path()},
                  {"TINKR_PLUGIN_PATH", TINKR_PLUGIN_DIR},
                  {"AZURE_TENANT_ID", "72f988bf-86f1-41af-91ab-2d7cd011db47"},
                  {"AZURE_CLIENT_ID", "explorer-client-id"},
                  {"AZURE_CLIENT_SECRET", "explorer-client-secret"}});
  EXPECT_FALSE(azure.requests(fake_azure::Route::log_analytics_query).empty());
}

}  // namespace
}  // namespace tinkr::testing
