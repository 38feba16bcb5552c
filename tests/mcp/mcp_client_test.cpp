// The MCP server driven by the official TypeScript SDK client (client.js, @modelcontextprotocol/sdk
// pinned by package-lock.json): `tinkr mcp` over stdio and tinkr-server's POST /mcp, against the
// demo hour in the local backend and, through the fake Azure, the Azure backend. This file prepares
// the backends and servers; client.js makes every check and prints "N passed, M failed".
// Skipped only when tests/mcp/node_modules is absent (scripts/kql-deps.sh tests/mcp installs it).
#include "process.hpp"

#include <fake_azure.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>

namespace tinkr::testing {
namespace {

namespace fs = std::filesystem;
using fake_azure::FakeAzure;
using fake_azure::FakeResponse;
using fake_azure::Route;

const fs::path kClientDir = fs::path(TINKR_SOURCE_DIR) / "tests" / "mcp";

bool client_installed() {
  return fs::exists(kClientDir / "node_modules" / "@modelcontextprotocol" / "sdk" / "package.json");
}

// Runs client.js; every check it makes is one line of its output.
void run_client(const std::string& mode, const std::map<std::string, std::string>& env) {
  auto result = run_process(program_on_path("node"), {(kClientDir / "client.js").string(), mode}, env);
  std::cout << result.out;
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find(" passed, 0 failed"), std::string::npos)
      << "client.js printed the failures above";
}

TEST(McpClient, EveryToolOverStdioAndHttpOnTheDemoHour) {
  if (!client_installed())
    GTEST_SKIP() << "tests/mcp/node_modules is absent: run scripts/kql-deps.sh tests/mcp";
  TempDir home;
  std::map<std::string, std::string> env = {{"HOME", home.path()}, {"TINKR_PLUGIN_PATH", TINKR_PLUGIN_DIR}};
  auto demo = run_process(TINKR_CLI_PATH, {"demo"}, env);
  ASSERT_EQ(demo.exit_code, 0) << demo.err;
  const std::string config =
      home.write("mcp.toml", "[profiles.local]\nbackend = \"local\"\npath = \"" + home.path() +
                                 "/.tinkr/local.db\"\n\n[auth]\n" + "api_keys = [\n  { hash = \"" +
                                 api_key_hash(TINKR_SERVER_PATH, "viewer-key-for-mcp") +
                                 "\", subject = \"vera\", roles = [\"viewer\"] },\n  { hash = \"" +
                                 api_key_hash(TINKR_SERVER_PATH, "oncall-key-for-mcp") +
                                 "\", subject = \"otto\", roles = [\"oncall\"] },\n]\n");
  ChildProcess server(TINKR_SERVER_PATH, {"--config", config, "--profile", "local", "--port", "0", "--quiet"},
                      env);
  const std::string banner = server.read_line();
  const auto at = banner.find("http://127.0.0.1:");
  ASSERT_NE(at, std::string::npos) << banner;
  const std::string base = banner.substr(at, banner.find(' ', at) - at);
  env["TINKR_CLI"] = TINKR_CLI_PATH;
  env["TINKR_MCP_URL"] = base + "/mcp";
  env["TINKR_VIEWER_KEY"] = "viewer-key-for-mcp";
  env["TINKR_ONCALL_KEY"] = "oncall-key-for-mcp";
  run_client("local", env);
  server.signal(SIGTERM);
  EXPECT_EQ(server.wait(), 0);
}

// Azure answers in the Log Analytics format, as the plugin's own end-to-end tests build them.
std::string answer(const std::string& columns, const std::string& rows) {
  return R"({"tables":[{"name":"PrimaryResult","columns":[)" + columns + R"(],"rows":[)" + rows + "]}]}";
}

void program_azure(FakeAzure& azure) {
  azure.on_query([](std::string_view kql) -> std::optional<FakeResponse> {
    if (kql.rfind("union AppRequests, AppDependencies, AppExceptions", 0) == 0) {
      const std::string columns =
          R"({"name":"TimeGenerated","type":"datetime"},{"name":"Type","type":"string"},{"name":"Id","type":"string"},)"
          R"({"name":"ParentId","type":"string"},{"name":"OperationId","type":"string"},{"name":"Name","type":"string"},)"
          R"({"name":"DurationMs","type":"real"},{"name":"Success","type":"bool"},{"name":"ResultCode","type":"string"},)"
          R"({"name":"AppRoleName","type":"string"},{"name":"DependencyType","type":"string"},)"
          R"({"name":"Target","type":"string"},{"name":"ExceptionType","type":"string"},)"
          R"({"name":"OuterMessage","type":"string"},{"name":"Properties","type":"dynamic"})";
      const std::string trace = R"("4bf92f3577b34da6a3ce929d0e0e4736")";
      const std::string rows =
          R"(["2026-11-25T10:00:00Z","AppRequests","req-1",)" + trace + "," + trace +
          R"(,"POST /pay",1500,false,"500","payments-api",null,null,null,null,"{\"http.route\":\"/pay\"}"],)"
          R"(["2026-11-25T10:00:00.1Z","AppDependencies","dep-1","req-1",)" +
          trace +
          R"(,"SELECT orders",800,false,"1205","payments-api","SQL","shop-sql",null,null,"{}"],)"
          R"(["2026-11-25T10:00:00.9Z","AppExceptions","","dep-1",)" +
          trace +
          R"(,null,null,null,null,"payments-api",null,null,"System.TimeoutException","SQL command timed out","{}"])";
      return FakeResponse::json(200, answer(columns, rows));
    }
    if (kql.rfind("AppRequests ", 0) == 0) {
      const std::string columns =
          R"({"name":"OperationId","type":"string"},{"name":"Name","type":"string"},{"name":"DurationMs","type":"real"},)"
          R"({"name":"Success","type":"bool"},{"name":"ResultCode","type":"string"},{"name":"TimeGenerated","type":"datetime"},)"
          R"({"name":"AppRoleName","type":"string"})";
      return FakeResponse::json(
          200, answer(columns, R"(["4bf92f3577b34da6a3ce929d0e0e4736","POST /pay",1500,false,"500",)"
                               R"("2026-11-25T10:00:00Z","payments-api"])"));
    }
    if (kql.rfind("AppTraces ", 0) == 0) {
      const std::string columns =
          R"({"name":"TimeGenerated","type":"datetime"},{"name":"Message","type":"string"},)"
          R"({"name":"SeverityLevel","type":"int"},{"name":"Properties","type":"dynamic"},{"name":"AppRoleName","type":"string"})";
      return FakeResponse::json(
          200,
          answer(columns,
                 R"(["2026-11-25T10:59:30Z","card declined",2,"{\"order_id\":\"o-17\"}","payments-api"],)"
                 R"(["2026-11-25T10:58:00Z","ledger write failed",3,"{}","payments-api"])"));
    }
    return std::nullopt;
  });
  azure.on_request([](const fake_azure::RecordedRequest& request) -> std::optional<FakeResponse> {
    if (request.route != Route::metrics) return std::nullopt;
    const std::string site = request.path.substr(0, request.path.find("/providers/microsoft.insights"));
    return FakeResponse::json(
        200,
        R"({"cost":59,"timespan":")" + request.query_param("timespan").value_or("") +
            R"(","interval":"PT1M","value":[{"id":")" + site +
            R"(/providers/Microsoft.Insights/metrics/Requests","type":"Microsoft.Insights/metrics",)"
            R"("name":{"value":"Requests","localizedValue":"Requests"},"unit":"Count","timeseries":[{"metadatavalues":[],)"
            R"("data":[{"timeStamp":"2026-11-25T10:00:00Z","total":412.0},{"timeStamp":"2026-11-25T10:01:00Z"}]}],)"
            R"("errorCode":"Success"}],"namespace":"Microsoft.Web/sites","resourceregion":"westeurope"})");
  });
}

TEST(McpClient, EveryToolOnTheAzureBackendThroughTheFakeAzure) {
  if (!client_installed())
    GTEST_SKIP() << "tests/mcp/node_modules is absent: run scripts/kql-deps.sh tests/mcp";
  FakeAzure azure;
  program_azure(azure);
  TempDir home;
  const std::string config = home.write(
      "config.toml",
      "[profiles.azure]\nbackend = \"azure\"\ncredential = \"environment\"\n"
      "workspace_id = \"11111111-2222-3333-4444-555555555555\"\n"
      "subscription_id = \"00000000-0000-0000-0000-000000000001\"\nresource_group = \"rg-shop\"\n"
      "log_analytics_endpoint = \"" +
          azure.https_url() + "\"\narm_endpoint = \"" + azure.https_url() + "\"\nauthority_host = \"" +
          azure.https_url() + "\"\nca_file = \"" + azure.ca_file() + "\"\n");
  const std::map<std::string, std::string> env = {{"HOME", home.path()},
                                                  {"TINKR_PLUGIN_PATH", TINKR_PLUGIN_DIR},
                                                  {"TINKR_CONFIG", config},
                                                  {"TINKR_CLI", TINKR_CLI_PATH},
                                                  {"AZURE_TENANT_ID", "72f988bf-86f1-41af-91ab-2d7cd011db47"},
                                                  {"AZURE_CLIENT_ID", "mcp-client-id"},
                                                  {"AZURE_CLIENT_SECRET", "mcp-client-secret"}};
  run_client("azure", env);
  EXPECT_FALSE(azure.requests(Route::log_analytics_query).empty());
  if (::testing::Test::HasFailure())
    for (const auto& r : azure.requests(Route::log_analytics_query)) std::cout << "sent: " << r.body << "\n";
}

}  // namespace
}  // namespace tinkr::testing
