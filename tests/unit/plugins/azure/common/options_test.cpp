// Options of the Azure plugin: environment fallbacks, one error listing every problem, endpoints per
// cloud and their overrides.
#include "common/options.hpp"

#include <tinkr/sdk/error.hpp>

#include <gtest/gtest.h>

namespace tinkr::azure {
namespace {

constexpr const char* kWorkspace = "11111111-2222-3333-4444-555555555555";
constexpr const char* kSubscription = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

std::string config_error(std::string_view json, Environment env = fixed_environment({})) {
  try {
    parse_options(json, env);
  } catch (const sdk::Error& e) {
    EXPECT_EQ(e.status(), TINKR_CONFIG) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "no error for " << json;
  return "";
}

std::string complete(std::string_view extra = "") {
  std::string json = std::string(R"({"workspace_id":")") + kWorkspace + R"(","subscription_id":")" +
                     kSubscription + R"(","resource_group":"rg-shop")";
  if (!extra.empty()) json += "," + std::string(extra);
  return json + "}";
}

TEST(AzureOptions, EveryMissingRequiredKeyIsNamedWithItsEnvironmentVariableInOneError) {
  std::string message = config_error("{}");
  EXPECT_NE(
      message.find(
          "option 'workspace_id' is missing (set it in the profile or AZURE_LOG_ANALYTICS_WORKSPACE_ID)"),
      std::string::npos)
      << message;
  EXPECT_NE(
      message.find("option 'subscription_id' is missing (set it in the profile or AZURE_SUBSCRIPTION_ID)"),
      std::string::npos)
      << message;
  EXPECT_NE(
      message.find("option 'resource_group' is missing (set it in the profile or AZURE_RESOURCE_GROUP)"),
      std::string::npos)
      << message;
}

TEST(AzureOptions, EnvironmentVariablesFillKeysTheProfileOmits) {
  auto options = parse_options("", fixed_environment({{"AZURE_LOG_ANALYTICS_WORKSPACE_ID", kWorkspace},
                                                      {"AZURE_SUBSCRIPTION_ID", kSubscription},
                                                      {"AZURE_RESOURCE_GROUP", "rg-env"},
                                                      {"AZURE_CLIENT_ID", "user-assigned-id"}}));
  EXPECT_EQ(options.workspace_id, kWorkspace);
  EXPECT_EQ(options.resource_group, "rg-env");
  EXPECT_EQ(options.managed_identity_client_id, "user-assigned-id")
      << "AZURE_CLIENT_ID selects the user-assigned identity";
}

TEST(AzureOptions, ProfileValuesWinOverTheEnvironment) {
  auto options = parse_options(complete(), fixed_environment({{"AZURE_RESOURCE_GROUP", "rg-env"}}));
  EXPECT_EQ(options.resource_group, "rg-shop");
}

TEST(AzureOptions, BasicAndAuxiliaryTablesAreCommaListsOfTableNames) {
  auto options =
      parse_options(complete(R"("basic_tables":"ContainerLogV2, AppTraces","auxiliary_tables":"Archive_CL")"),
                    fixed_environment({}));
  EXPECT_EQ(options.table_plans.basic, (std::vector<std::string>{"ContainerLogV2", "AppTraces"}));
  EXPECT_EQ(options.table_plans.auxiliary, (std::vector<std::string>{"Archive_CL"}));
  std::string message = config_error(complete(R"("basic_tables":"A|B","auxiliary_tables":"A|B")"));
  EXPECT_NE(message.find("option 'basic_tables': 'A|B' is not a table name"), std::string::npos) << message;
  message = config_error(complete(R"("basic_tables":"Logs_CL","auxiliary_tables":"Logs_CL")"));
  EXPECT_NE(message.find("table 'Logs_CL' is in both basic_tables and auxiliary_tables"), std::string::npos)
      << message;
}

TEST(AzureOptions, MalformedGuidsAreQuotedWithTheirKey) {
  std::string message = config_error(R"({"workspace_id":"abc","subscription_id":"x","resource_group":"rg"})");
  EXPECT_NE(message.find("option 'workspace_id': 'abc' is not a GUID"), std::string::npos) << message;
  EXPECT_NE(message.find("option 'subscription_id': 'x' is not a GUID"), std::string::npos) << message;
}

TEST(AzureOptions, AMalformedValueFromTheEnvironmentNamesTheVariable) {
  std::string message =
      config_error(R"({"subscription_id":")" + std::string(kSubscription) + R"(","resource_group":"rg"})",
                   fixed_environment({{"AZURE_LOG_ANALYTICS_WORKSPACE_ID", "nope"}}));
  EXPECT_NE(
      message.find("option 'workspace_id' (from AZURE_LOG_ANALYTICS_WORKSPACE_ID): 'nope' is not a GUID"),
      std::string::npos)
      << message;
}

TEST(AzureOptions, UnknownKeysAreErrorsNamingThem) {
  std::string message = config_error(complete(R"("workspace":"x","colud":"public")"));
  EXPECT_NE(message.find("unknown option 'workspace'"), std::string::npos) << message;
  EXPECT_NE(message.find("unknown option 'colud'"), std::string::npos) << message;
}

TEST(AzureOptions, AKeyGivenTwiceIsAnError) {
  std::string message = config_error(complete(R"("cloud":"public","cloud":"china")"));
  EXPECT_NE(message.find("option 'cloud' is given more than once"), std::string::npos) << message;
}

TEST(AzureOptions, TextThatIsNotAJsonObjectIsAConfigError) {
  EXPECT_NE(config_error("[1,2]").find("expected a JSON object"), std::string::npos);
  EXPECT_NE(config_error("{not json").find("expected a JSON object"), std::string::npos);
}

TEST(AzureOptions, EachCloudHasItsOwnEndpoints) {
  auto pub = parse_options(complete(), fixed_environment({}));
  EXPECT_EQ(pub.endpoints.log_analytics, "https://api.loganalytics.io");
  EXPECT_EQ(pub.endpoints.arm, "https://management.azure.com");
  EXPECT_EQ(pub.endpoints.authority, "https://login.microsoftonline.com");
  EXPECT_EQ(pub.endpoints.imds, "http://169.254.169.254");
  auto gov = parse_options(complete(R"("cloud":"usgov")"), fixed_environment({}));
  EXPECT_EQ(gov.endpoints.log_analytics, "https://api.loganalytics.us");
  EXPECT_EQ(gov.endpoints.arm, "https://management.usgovcloudapi.net");
  EXPECT_EQ(gov.endpoints.authority, "https://login.microsoftonline.us");
  auto cn = parse_options(complete(R"("cloud":"china")"), fixed_environment({}));
  EXPECT_EQ(cn.endpoints.log_analytics, "https://api.loganalytics.azure.cn");
  EXPECT_EQ(cn.endpoints.arm, "https://management.chinacloudapi.cn");
  EXPECT_EQ(cn.endpoints.authority, "https://login.chinacloudapi.cn");
  EXPECT_EQ(token_scope(Cloud::china, Audience::arm), "https://management.chinacloudapi.cn/.default");
  EXPECT_NE(config_error(complete(R"("cloud":"mars")")).find("option 'cloud': 'mars' is not a cloud"),
            std::string::npos);
}

TEST(AzureOptions, EndpointOverridesLoseTheirTrailingSlash) {
  auto options = parse_options(
      complete(R"("log_analytics_endpoint":"https://la.example:8443/","arm_endpoint":"https://arm.example")"),
      fixed_environment({}));
  EXPECT_EQ(options.endpoints.log_analytics, "https://la.example:8443");
  EXPECT_EQ(options.endpoints.arm, "https://arm.example");
  EXPECT_EQ(token_scope(options.cloud, Audience::log_analytics), "https://api.loganalytics.io/.default")
      << "an endpoint override does not change the token audience";
}

TEST(AzureOptions, PlainHttpIsRefusedExceptForAnExplicitLoopbackOrImds) {
  std::string message = config_error(complete(R"("log_analytics_endpoint":"http://127.0.0.1:9000")"));
  EXPECT_NE(message.find("option 'log_analytics_endpoint': 'http://127.0.0.1:9000' must be https://"),
            std::string::npos)
      << message;
  auto allowed = parse_options(
      complete(
          R"("log_analytics_endpoint":"http://127.0.0.1:9000","arm_endpoint":"http://[::1]:9001","allow_plain_http_loopback":true)"),
      fixed_environment({}));
  EXPECT_EQ(allowed.endpoints.log_analytics, "http://127.0.0.1:9000");
  message = config_error(complete(R"("arm_endpoint":"http://arm.example","allow_plain_http_loopback":true)"));
  EXPECT_NE(message.find("option 'arm_endpoint': 'http://arm.example' must be https://"), std::string::npos)
      << message;
  auto imds = parse_options(complete(R"("imds_endpoint":"http://10.0.0.1:80")"), fixed_environment({}));
  EXPECT_EQ(imds.endpoints.imds, "http://10.0.0.1:80") << "Azure serves IMDS over plain http";
  message = config_error(complete(R"("arm_endpoint":"https://arm.example/v1?x=1")"));
  EXPECT_NE(message.find("is not an http(s) base URL"), std::string::npos) << message;
}

TEST(AzureOptions, AuthorityComesFromTheProfileThenAzureAuthorityHostThenTheCloud) {
  auto from_env =
      parse_options(complete(), fixed_environment({{"AZURE_AUTHORITY_HOST", "https://login.example/"}}));
  EXPECT_EQ(from_env.endpoints.authority, "https://login.example");
  auto from_profile = parse_options(complete(R"("authority_host":"https://login.profile")"),
                                    fixed_environment({{"AZURE_AUTHORITY_HOST", "https://login.example"}}));
  EXPECT_EQ(from_profile.endpoints.authority, "https://login.profile");
  std::string message =
      config_error(complete(), fixed_environment({{"AZURE_AUTHORITY_HOST", "http://login.example"}}));
  EXPECT_NE(message.find("option 'authority_host' (from AZURE_AUTHORITY_HOST)"), std::string::npos)
      << message;
}

TEST(AzureOptions, CredentialPinAndTimeoutsAreValidated) {
  auto options = parse_options(
      complete(R"("credential":"azure_cli","server_timeout_seconds":60,"client_timeout_margin_seconds":"5")"),
      fixed_environment({}));
  EXPECT_EQ(options.pinned_credential, CredentialKind::azure_cli);
  EXPECT_EQ(options.server_timeout_seconds, 60);
  EXPECT_EQ(options.client_timeout_margin_seconds, 5);
  std::string message = config_error(
      complete(R"("credential":"password","server_timeout_seconds":9999,"allow_plain_http_loopback":"yes")"));
  EXPECT_NE(message.find("option 'credential': 'password' is not a credential"), std::string::npos)
      << message;
  EXPECT_NE(message.find("option 'server_timeout_seconds': expected an integer from 1 to 600"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("option 'allow_plain_http_loopback': expected true or false"), std::string::npos)
      << message;
}

}  // namespace
}  // namespace tinkr::azure
