// The backend class: describe() merges capabilities and the options schema, open validates, health
// acquires a token, and a native KQL query goes out with the bearer token and comes back as rows.
#include "backend/azure_backend.hpp"
#include "credential_test_support.hpp"

#include <tinkr/sdk/error.hpp>

#include <gtest/gtest.h>
#include <rapidjson/document.h>

namespace tinkr::azure {
namespace {

using namespace testing;

const std::string kOptions = R"({"workspace_id":"11111111-2222-3333-4444-555555555555",
  "subscription_id":"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee","resource_group":"rg",
  "authority_host":"https://login.test","log_analytics_endpoint":"https://127.0.0.1:8443"})";

const Environment kServicePrincipal =
    fixed_environment({{"AZURE_TENANT_ID", "t"}, {"AZURE_CLIENT_ID", "c"}, {"AZURE_CLIENT_SECRET", kSecret}});

CommandRunner no_az() {
  return [](const std::vector<std::string>&, int64_t) -> CommandResult { throw std::runtime_error("no az"); };
}

TEST(AzureBackend, DescribeCarriesCapabilitiesAndTheOptionsSchema) {
  rapidjson::Document doc;
  std::string json = AzureBackend::describe();
  doc.Parse(json.c_str());
  ASSERT_FALSE(doc.HasParseError()) << json;
  EXPECT_STREQ(doc["name"].GetString(), "azure");
  EXPECT_TRUE(doc["signals"].IsArray());
  EXPECT_STREQ(doc["native_language"].GetString(), "kql");
  EXPECT_TRUE(doc["pushdown"].IsObject());
  const auto& workspace = doc["options"]["workspace_id"];
  EXPECT_TRUE(workspace["required"].GetBool());
  EXPECT_STREQ(workspace["env"].GetString(), "AZURE_LOG_ANALYTICS_WORKSPACE_ID");
  EXPECT_TRUE(doc["options"].HasMember("allow_plain_http_loopback"));
}

TEST(AzureBackend, OpeningWithBadOptionsIsAConfigError) {
  FakeHost fake;
  try {
    AzureBackend backend(fake.host(), R"({"workspace_id":"abc"})", fixed_environment({}), no_az());
    FAIL() << "opened";
  } catch (const sdk::Error& e) {
    EXPECT_EQ(e.status(), TINKR_CONFIG);
    EXPECT_NE(std::string(e.what()).find("option 'workspace_id': 'abc' is not a GUID"), std::string::npos);
  }
  EXPECT_TRUE(fake.requests().empty()) << "open validates without fetching a token";
}

TEST(AzureBackend, HealthReportsTheCredentialOrEveryReasonAsAValue) {
  FakeHost fake;
  fake.handler = [](const sdk::HttpRequest&) { return json_response(200, entra_ok()); };
  AzureBackend ok(fake.host(), kOptions, kServicePrincipal, no_az());
  const std::string healthy = ok.check_health(fake.call());
  EXPECT_NE(
      healthy.find(
          R"({"check":"credential","status":"ok","detail":"credential 'environment' has a token for scope 'https://api.loganalytics.io/.default'"})"),
      std::string::npos)
      << healthy;
  FakeHost down;
  AzureBackend none(down.host(), kOptions, fixed_environment({{"PATH", "/nonexistent"}}), no_az());
  std::string health = none.check_health(down.call());
  EXPECT_EQ(
      health.rfind(R"({"status":"error","message":"credential: azure authentication failed for scope)", 0),
      0u)
      << health;
  EXPECT_NE(health.find("azure_cli: az (the Azure CLI) is not on PATH"), std::string::npos) << health;
}

TEST(AzureBackend, ANativeQueryGoesOutWithTheBearerTokenAndComesBackAsRows) {
  FakeHost fake;
  fake.handler = [](const sdk::HttpRequest& r) {
    if (r.url.rfind("https://login.test/", 0) == 0) return json_response(200, entra_ok());
    return json_response(200, read_vector("log-analytics/query.basic-types.response.json"));
  };
  AzureBackend backend(fake.host(), kOptions, kServicePrincipal, no_az());
  struct Collected {
    int tables = 0;
    int rows = 0;
  } collected;
  tinkr_sink raw{};
  raw.struct_size = sizeof raw;
  raw.ctx = &collected;
  raw.table_begin = [](void* ctx, tinkr_str, const tinkr_column*, uint64_t) -> int32_t {
    ++static_cast<Collected*>(ctx)->tables;
    return TINKR_OK;
  };
  raw.table_row = [](void* ctx, const tinkr_str*, uint64_t) -> int32_t {
    ++static_cast<Collected*>(ctx)->rows;
    return TINKR_OK;
  };
  raw.warning = [](void*, tinkr_str) -> int32_t { return TINKR_OK; };
  sdk::Sink sink(&raw);
  ir::Query query;
  query.signal = ir::Signal::native;
  query.native_text = "AppTraces | take 1";
  backend.execute(query, sink, fake.call());
  EXPECT_GE(collected.tables, 1);
  EXPECT_GE(collected.rows, 1);
  auto requests = fake.requests();
  ASSERT_EQ(requests.size(), 2u) << "one token request, one query";
  EXPECT_EQ(requests[1].url,
            "https://127.0.0.1:8443/v1/workspaces/11111111-2222-3333-4444-555555555555/query");
  EXPECT_EQ(header_of(requests[1], "Authorization"), "Bearer " + std::string(kTokenText));
  EXPECT_NE(backend.explain(query).find("AppTraces | take 1"), std::string::npos);
}

}  // namespace
}  // namespace tinkr::azure
