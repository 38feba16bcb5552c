// A 403 names the missing role, and the doctor (the backend's health: `tinkr doctor`, /readyz) runs
// its checks, through the whole stack against the fake Azure with Log Analytics' real 403 bodies.
#include "fixture.hpp"

namespace tinkr::azure_e2e {
namespace {

const std::string kRgScope = std::string("/subscriptions/") + kSubscription + "/resourceGroups/rg-shop";
const std::string kCaller = "e84813c7-479f-4411-9918-ee85c8a9246b";

// ARM's AuthorizationFailed, in the shape the live service sends (no recorded vector exists in
// shared/vectors for it; the text is the service's own wording).
FakeResponse arm_authorization_failed() {
  return FakeResponse::json(
      403,
      R"({"error":{"code":"AuthorizationFailed","message":"The client ')" + kCaller +
          R"(' with object id ')" + kCaller +
          R"(' does not have authorization to perform action 'Microsoft.Resources/subscriptions/resourceGroups/resources/read' over scope ')" +
          kRgScope +
          R"(' or the scope is invalid. If access was recently granted, please refresh your credentials."}})");
}

class AzureRoles : public AzureEndToEnd {
 protected:
  auto logs() {
    QuerySpec spec;
    spec.signal = ir::Signal::logs;
    spec.service = "payments-api";
    spec.since = "1h";
    return engine_->collect(build(spec));
  }
  /// The doctor's checks by name.
  std::map<std::string, std::pair<std::string, std::string>> doctor(rapidjson::Document& health) {
    auto text = engine_->check_health();
    EXPECT_TRUE(text) << text.error().message();
    health.Parse(text ? text->json.c_str() : "{}");
    std::map<std::string, std::pair<std::string, std::string>> checks;
    if (health.HasParseError() || !health.HasMember("checks")) {
      ADD_FAILURE() << "no checks in " << (text ? text->json : "");
      return checks;
    }
    for (const auto& c : health["checks"].GetArray())
      checks[c["check"].GetString()] = {c["status"].GetString(), c["detail"].GetString()};
    return checks;
  }
};

TEST_F(AzureRoles, ALogAnalytics403NamesLogAnalyticsReaderTheScopeAndTheCommand) {
  for (const char* body : {"log-analytics/error.403.insufficient-access.json",
                           "log-analytics/error.403.insufficient-access-unauthorized-client.json"}) {
    fake_.push_response(Route::log_analytics_query, FakeResponse::from_vector(403, body));
    auto result = logs();
    ASSERT_FALSE(result) << body;
    EXPECT_EQ(result.error().code(), Error::Code::forbidden);
    const std::string& message = result.error().message();
    EXPECT_NE(message.find("log analytics answered HTTP 403"), std::string::npos) << message;
    EXPECT_NE(message.find("the identity needs the role 'Log Analytics Reader' at " + kRgScope),
              std::string::npos)
        << message;
    EXPECT_NE(
        message.find("az role assignment create --assignee <principal-id> --role \"Log Analytics Reader\" "
                     "--scope " +
                     kRgScope),
        std::string::npos)
        << "the fake's tokens carry no oid, so the principal is to be looked up: " << message;
    EXPECT_EQ(message.find("fake-token"), std::string::npos) << "the token never shows: " << message;
  }
}

TEST_F(AzureRoles, A403ForAWrongTokenNamesNoRole) {
  fake_.push_response(Route::log_analytics_query,
                      FakeResponse::from_vector(403, "log-analytics/error.403.invalid-token-audience.json"));
  auto result = logs();
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Error::Code::forbidden);
  EXPECT_EQ(result.error().message().find("needs the role"), std::string::npos) << result.error().message();
}

TEST_F(AzureRoles, AnArm403NamesMonitoringReaderWithTheCallersObjectId) {
  fake_.push_response(Route::arm_resources, arm_authorization_failed());
  auto result = engine_->collect(build(shop_web_requests_spec()));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Error::Code::forbidden);
  EXPECT_NE(result.error().message().find("az role assignment create --assignee " + kCaller +
                                          " --role \"Monitoring Reader\" --scope " + kRgScope),
            std::string::npos)
      << result.error().message();
}

TEST_F(AzureRoles, TheDoctorPassesEveryCheckAgainstAHealthyAzure) {
  rapidjson::Document health;
  auto checks = doctor(health);
  EXPECT_STREQ(health["status"].GetString(), "ok");
  EXPECT_EQ(checks["credential"].first, "ok");
  EXPECT_NE(checks["credential"].second.find("credential 'environment'"), std::string::npos);
  EXPECT_EQ(checks["token for Azure Resource Manager"].first, "ok");
  EXPECT_EQ(checks["log analytics query"].first, "ok") << checks["log analytics query"].second;
  EXPECT_EQ(checks["metric definitions"].first, "ok") << checks["metric definitions"].second;
  auto queries = log_analytics_requests();
  ASSERT_EQ(queries.size(), 1u);
  EXPECT_EQ(sent_query(queries[0]).kql, "print 1");
  EXPECT_EQ(fake_.requests(Route::metric_definitions).size(), 1u);
  expect_tokens_only_where_they_belong();
}

TEST_F(AzureRoles, TheDoctorNamesTheMissingRoleOfEachFailingCheck) {
  fake_.push_response(Route::log_analytics_query,
                      FakeResponse::from_vector(403, "log-analytics/error.403.insufficient-access.json"));
  fake_.push_response(Route::arm_resources, arm_authorization_failed());
  rapidjson::Document health;
  auto checks = doctor(health);
  EXPECT_STREQ(health["status"].GetString(), "error");
  EXPECT_EQ(checks["credential"].first, "ok");
  EXPECT_EQ(checks["log analytics query"].first, "error");
  EXPECT_NE(checks["log analytics query"].second.find("--role \"Log Analytics Reader\" --scope " + kRgScope),
            std::string::npos)
      << checks["log analytics query"].second;
  EXPECT_EQ(checks["metric definitions"].first, "error");
  EXPECT_NE(
      checks["metric definitions"].second.find("--assignee " + kCaller + " --role \"Monitoring Reader\""),
      std::string::npos)
      << checks["metric definitions"].second;
  EXPECT_EQ(std::string(health["message"].GetString()).rfind("log analytics query: ", 0), 0u)
      << "the summary is the first failure";
  for (const auto& c : health["checks"].GetArray())
    if (std::string(c["status"].GetString()) == "error") {
      EXPECT_STREQ(c["code"].GetString(), "forbidden");
    }
}

TEST_F(AzureRoles, TheDoctorSaysWhichCredentialIsUsedAndWhyTheOnesBeforeItWereSkipped) {
  ::unsetenv("AZURE_TENANT_ID");
  ::unsetenv("AZURE_CLIENT_SECRET");
  ::setenv("IDENTITY_ENDPOINT", (fake_.http_url() + "/msi/token").c_str(), 1);
  ::setenv("IDENTITY_HEADER", fake_.options().identity_header.c_str(), 1);
  std::string options = options_json();
  options.replace(options.find(R"("credential":"environment",)"),
                  std::string(R"("credential":"environment",)").size(), "");
  static PluginRegistry registry({TINKR_PLUGIN_DIR});
  auto plugin = registry.load("azure");
  ASSERT_TRUE(plugin);
  auto engine = Engine::open_plugin(*plugin, options, "chain");
  ASSERT_TRUE(engine) << engine.error().message();
  engine_ = std::move(*engine);
  rapidjson::Document health;
  auto checks = doctor(health);
  EXPECT_EQ(checks["credential"].first, "ok") << checks["credential"].second;
  EXPECT_NE(checks["credential"].second.find("credential 'managed_identity'"), std::string::npos)
      << checks["credential"].second;
  EXPECT_NE(checks["credential"].second.find("(skipped: environment: "), std::string::npos)
      << checks["credential"].second;
  EXPECT_NE(checks["credential"].second.find("workload_identity: "), std::string::npos)
      << checks["credential"].second;
}

}  // namespace
}  // namespace tinkr::azure_e2e
