// Each credential on its own: the exact request it sends, success, and each way it fails or does not
// apply. Secrets never appear in an error message.
#include "auth/azure_cli_credential.hpp"
#include "auth/environment_credential.hpp"
#include "auth/managed_identity_credential.hpp"
#include "auth/workload_identity_credential.hpp"
#include "credential_test_support.hpp"

#include <tinkr/sdk/error.hpp>

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace tinkr::azure {
namespace {

using namespace testing;

template <typename Credential>
std::string unavailable_reason(CredentialFixture& f) {
  auto context = f.context();
  Credential credential(context);
  try {
    credential.get_token(kLogAnalyticsScope, f.fake.call());
  } catch (const CredentialUnavailable& e) {
    return e.what();
  }
  ADD_FAILURE() << "the credential did not report itself unavailable";
  return "";
}

template <typename Credential>
sdk::Error failure(CredentialFixture& f) {
  auto context = f.context();
  Credential credential(context);
  try {
    credential.get_token(kLogAnalyticsScope, f.fake.call());
  } catch (const sdk::Error& e) {
    return e;
  }
  ADD_FAILURE() << "the credential did not fail";
  return sdk::Error(TINKR_OK, "");
}

std::filesystem::path temp_dir() {
  auto dir = std::filesystem::temp_directory_path() /
             ("tinkr-azure-auth-" + std::to_string(::getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name());
  std::filesystem::create_directories(dir);
  return dir;
}

// --- environment ------------------------------------------------------------------------------------

TEST(EnvironmentCredential, PostsTheClientCredentialsFormToTheTenantsTokenEndpoint) {
  CredentialFixture f;
  f.env = {{"AZURE_TENANT_ID", "contoso.onmicrosoft.com"},
           {"AZURE_CLIENT_ID", "app-id"},
           {"AZURE_CLIENT_SECRET", kSecret}};
  f.fake.handler = [](const sdk::HttpRequest&) { return json_response(200, entra_ok(3600)); };
  auto context = f.context();
  auto token = EnvironmentCredential(context).get_token(kLogAnalyticsScope, f.fake.call());
  EXPECT_EQ(token.token, kTokenText);
  EXPECT_EQ(token.expires_on_ns, f.fake.now_ns.load() + 3600 * kNanosPerSecond);
  auto requests = f.fake.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].url, "https://login.test/contoso.onmicrosoft.com/oauth2/v2.0/token");
  EXPECT_EQ(header_of(requests[0], "Content-Type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(requests[0].ca_file, "/tmp/ca.pem") << "the profile's CA file verifies Entra too";
  auto form = decode_form(requests[0].body);
  EXPECT_EQ(form["client_id"], "app-id");
  EXPECT_EQ(form["client_secret"], kSecret);
  EXPECT_EQ(form["grant_type"], "client_credentials");
  EXPECT_EQ(form["scope"], kLogAnalyticsScope);
}

TEST(EnvironmentCredential, IsUnavailableNamingTheMissingVariables) {
  CredentialFixture f;
  EXPECT_EQ(unavailable_reason<EnvironmentCredential>(f),
            "AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET are not set");
  f.env = {{"AZURE_TENANT_ID", "t"}, {"AZURE_CLIENT_ID", "c"}};
  EXPECT_EQ(unavailable_reason<EnvironmentCredential>(f), "AZURE_CLIENT_SECRET is not set");
  f.env["AZURE_CLIENT_CERTIFICATE_PATH"] = "/cert.pem";
  EXPECT_NE(unavailable_reason<EnvironmentCredential>(f).find("certificate credentials are not supported"),
            std::string::npos);
  EXPECT_TRUE(f.fake.requests().empty()) << "nothing is sent when the credential does not apply";
}

TEST(EnvironmentCredential, ABadSecretReportsEntrasCodeButNeverTheSecret) {
  CredentialFixture f;
  f.env = {{"AZURE_TENANT_ID", "tenant"}, {"AZURE_CLIENT_ID", "app-id"}, {"AZURE_CLIENT_SECRET", kSecret}};
  f.fake.handler = [](const sdk::HttpRequest&) {
    return json_response(401, read_vector("identity/entra.v2.error.invalid_client.7000215.json"));
  };
  auto e = failure<EnvironmentCredential>(f);
  EXPECT_EQ(e.status(), TINKR_UNAUTHENTICATED);
  std::string message = e.what();
  EXPECT_NE(message.find("entra id answered HTTP 401: invalid_client: AADSTS7000215"), std::string::npos)
      << message;
  EXPECT_EQ(message.find(kSecret), std::string::npos) << message;
  EXPECT_EQ(message.find("client_secret"), std::string::npos) << "the request form never reaches a message";
}

TEST(EnvironmentCredential, EntraOutagesAndThrottlingAreRetryable) {
  CredentialFixture f;
  f.env = {{"AZURE_TENANT_ID", "tenant"}, {"AZURE_CLIENT_ID", "app-id"}, {"AZURE_CLIENT_SECRET", kSecret}};
  f.fake.handler = [](const sdk::HttpRequest&) { return json_response(503, "{}"); };
  auto e = failure<EnvironmentCredential>(f);
  EXPECT_EQ(e.status(), TINKR_UPSTREAM_UNAVAILABLE);
  EXPECT_TRUE(e.retryable());
  f.fake.handler = [](const sdk::HttpRequest&) { return json_response(429, "{}"); };
  EXPECT_EQ(failure<EnvironmentCredential>(f).status(), TINKR_THROTTLED);
  f.fake.handler = [](const sdk::HttpRequest&) { return json_response(200, R"({"token_type":"Bearer"})"); };
  EXPECT_NE(std::string(failure<EnvironmentCredential>(f).what()).find("has no 'access_token'"),
            std::string::npos);
}

TEST(EnvironmentCredential, ATenantThatIsNotAnIdOrDomainIsRefusedBeforeSending) {
  CredentialFixture f;
  f.env = {
      {"AZURE_TENANT_ID", "../evil?x="}, {"AZURE_CLIENT_ID", "app-id"}, {"AZURE_CLIENT_SECRET", kSecret}};
  EXPECT_EQ(failure<EnvironmentCredential>(f).status(), TINKR_UNAUTHENTICATED);
  EXPECT_TRUE(f.fake.requests().empty());
}

// --- workload identity --------------------------------------------------------------------------------

TEST(WorkloadIdentityCredential, SendsTheFederatedTokenAsAClientAssertionReadAfreshEachTime) {
  CredentialFixture f;
  auto file = temp_dir() / "token";
  std::ofstream(file) << "assertion-one\n";
  f.env = {{"AZURE_TENANT_ID", "tenant"},
           {"AZURE_CLIENT_ID", "wi-client"},
           {"AZURE_FEDERATED_TOKEN_FILE", file.string()}};
  f.fake.handler = [](const sdk::HttpRequest&) { return json_response(200, entra_ok()); };
  auto context = f.context();
  WorkloadIdentityCredential credential(context);
  EXPECT_EQ(credential.get_token(kLogAnalyticsScope, f.fake.call()).token, kTokenText);
  std::ofstream(file) << "assertion-two";  // Kubernetes rotated the projected token
  credential.get_token(kLogAnalyticsScope, f.fake.call());
  auto requests = f.fake.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].url, "https://login.test/tenant/oauth2/v2.0/token");
  auto first = decode_form(requests[0].body);
  EXPECT_EQ(first["client_id"], "wi-client");
  EXPECT_EQ(first["client_assertion_type"], "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
  EXPECT_EQ(first["client_assertion"], "assertion-one") << "trimmed";
  EXPECT_EQ(first["grant_type"], "client_credentials");
  EXPECT_EQ(first["scope"], kLogAnalyticsScope);
  EXPECT_EQ(decode_form(requests[1].body)["client_assertion"], "assertion-two");
  std::filesystem::remove_all(file.parent_path());
}

TEST(WorkloadIdentityCredential, MissingVariablesMakeItUnavailableAndAMissingFileFails) {
  CredentialFixture f;
  f.env = {{"AZURE_TENANT_ID", "tenant"}, {"AZURE_CLIENT_ID", "c"}};
  EXPECT_EQ(unavailable_reason<WorkloadIdentityCredential>(f), "AZURE_FEDERATED_TOKEN_FILE is not set");
  f.env["AZURE_FEDERATED_TOKEN_FILE"] = "/nonexistent/tinkr/token";
  std::string message = failure<WorkloadIdentityCredential>(f).what();
  EXPECT_NE(message.find("cannot read AZURE_FEDERATED_TOKEN_FILE '/nonexistent/tinkr/token'"),
            std::string::npos)
      << message;
}

// --- managed identity ---------------------------------------------------------------------------------

TEST(ManagedIdentityCredential, UsesTheIdentityEndpointWithItsHeaderWhenBothVariablesAreSet) {
  CredentialFixture f;
  f.env = {{"IDENTITY_ENDPOINT", "http://localhost:42356/msi/token"}, {"IDENTITY_HEADER", "header-secret"}};
  f.options.managed_identity_client_id = "user-assigned";
  f.fake.handler = [](const sdk::HttpRequest&) {
    return json_response(200, read_vector("identity/appservice.2019-08-01.token.response.json"));
  };
  auto context = f.context();
  auto token = ManagedIdentityCredential(context).get_token(kLogAnalyticsScope, f.fake.call());
  EXPECT_EQ(token.expires_on_ns, 1586984735LL * kNanosPerSecond);
  auto requests = f.fake.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "GET");
  EXPECT_EQ(requests[0].url.substr(0, requests[0].url.find('?')), "http://localhost:42356/msi/token");
  auto query = query_of(requests[0].url);
  EXPECT_EQ(query["api-version"], "2019-08-01");
  EXPECT_EQ(query["resource"], "https://api.loganalytics.io") << "a resource, not a scope";
  EXPECT_EQ(query["client_id"], "user-assigned");
  EXPECT_EQ(header_of(requests[0], "X-IDENTITY-HEADER"), "header-secret");
  EXPECT_TRUE(requests[0].flags & TINKR_HTTP_ALLOW_PLAIN_HTTP);
}

TEST(ManagedIdentityCredential, IdentityEndpointErrorsFailWithoutTheHeaderSecret) {
  CredentialFixture f;
  f.env = {{"IDENTITY_ENDPOINT", "http://localhost:42356/msi/token"}, {"IDENTITY_HEADER", "header-secret"}};
  f.fake.handler = [](const sdk::HttpRequest&) {
    return json_response(403, R"({"error":"forbidden","error_description":"no identity"})");
  };
  std::string message = failure<ManagedIdentityCredential>(f).what();
  EXPECT_EQ(message, "the identity endpoint answered HTTP 403: forbidden: no identity");
}

TEST(ManagedIdentityCredential, ProbesImdsWithMetadataHeaderAndAShortSingleAttempt) {
  CredentialFixture f;
  f.env = {{"AZURE_CLIENT_ID", "ignored-here"}};
  f.fake.handler = [](const sdk::HttpRequest&) {
    return json_response(200, read_vector("identity/imds.token.response.json"));
  };
  auto context = f.context();
  ManagedIdentityCredential credential(context);
  EXPECT_EQ(credential.get_token("https://management.azure.com/.default", f.fake.call()).token,
            "eyJ0eXAi...");
  credential.get_token(kLogAnalyticsScope, f.fake.call());
  auto requests = f.fake.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].url.substr(0, requests[0].url.find('?')),
            "http://imds.test/metadata/identity/oauth2/token");
  auto query = query_of(requests[0].url);
  EXPECT_EQ(query["api-version"], "2018-02-01");
  EXPECT_EQ(query["resource"], "https://management.azure.com");
  EXPECT_EQ(query.count("client_id"), 0u) << "client_id comes from managed_identity_client_id only";
  EXPECT_EQ(header_of(requests[0], "Metadata"), "true");
  EXPECT_EQ(requests[0].timeout_ms, 1000) << "the first request is a probe";
  EXPECT_TRUE(requests[0].flags & TINKR_HTTP_NO_RETRY);
  EXPECT_EQ(requests[1].timeout_ms, 0) << "once IMDS answered, requests get the call's deadline";
  EXPECT_FALSE(requests[1].flags & TINKR_HTTP_NO_RETRY);
}

TEST(ManagedIdentityCredential, NoImdsAnswerOrIdentityNotFoundIsUnavailable) {
  CredentialFixture f;
  f.fake.handler = [](const sdk::HttpRequest&) -> sdk::HttpResponse {
    throw sdk::Error(TINKR_TIMEOUT, "connect to 169.254.169.254:80 timed out");
  };
  std::string reason = unavailable_reason<ManagedIdentityCredential>(f);
  EXPECT_NE(reason.find("no managed identity endpoint answered (IMDS at http://imds.test, 1000 ms probe)"),
            std::string::npos)
      << reason;
  f.fake.handler = [](const sdk::HttpRequest&) {
    return json_response(400, read_vector("identity/imds.error.identity-not-found.json"));
  };
  reason = unavailable_reason<ManagedIdentityCredential>(f);
  EXPECT_NE(reason.find("IMDS answered HTTP 400: invalid_request: Identity not found"), std::string::npos)
      << reason;
}

TEST(ManagedIdentityCredential, UnsupportedIdentityHostsAreUnavailableWithTheReason) {
  CredentialFixture f;
  f.env = {{"IDENTITY_ENDPOINT", "http://localhost:40342/metadata/identity/oauth2/token"}};
  EXPECT_NE(unavailable_reason<ManagedIdentityCredential>(f).find("Azure Arc"), std::string::npos);
  EXPECT_TRUE(f.fake.requests().empty());
}

// --- Azure CLI ----------------------------------------------------------------------------------------

struct AzOnPath {
  AzOnPath() {
    dir = temp_dir();
    auto az = dir / "az";
    std::ofstream(az) << "#!/bin/sh\nexit 99\n";  // never run: the tests script the runner
    ::chmod(az.c_str(), 0755);
  }
  ~AzOnPath() { std::filesystem::remove_all(dir); }
  std::filesystem::path dir;
};

TEST(AzureCliCredential, RunsAzAccountGetAccessTokenForTheResourceWithoutAShell) {
  CredentialFixture f;
  AzOnPath az;
  f.env = {{"PATH", "/nonexistent:" + az.dir.string()}};
  f.options.azure_cli_timeout_seconds = 7;
  f.az = [](const std::vector<std::string>&) {
    return CommandResult{0, false, read_vector("identity/az-cli.get-access-token.output.json"), ""};
  };
  auto context = f.context();
  auto token = AzureCliCredential(context).get_token(kLogAnalyticsScope, f.fake.call());
  EXPECT_EQ(token.expires_on_ns, 1748781296LL * kNanosPerSecond);
  ASSERT_EQ(f.commands.size(), 1u);
  std::vector<std::string> expected = {
      (az.dir / "az").string(),     "account", "get-access-token", "--output", "json", "--resource",
      "https://api.loganalytics.io"};
  EXPECT_EQ(f.commands[0], expected);
}

TEST(AzureCliCredential, MissingAzNotLoggedInAndTimeoutAreUnavailable) {
  CredentialFixture f;
  f.env = {{"PATH", "/nonexistent"}};
  EXPECT_EQ(unavailable_reason<AzureCliCredential>(f), "az (the Azure CLI) is not on PATH");
  AzOnPath az;
  f.env = {{"PATH", az.dir.string()}};
  EXPECT_EQ(unavailable_reason<AzureCliCredential>(f),
            "az is not logged in (run 'az login'): ERROR: Please run 'az login' to setup account.");
  f.az = [](const std::vector<std::string>&) { return CommandResult{-1, true, "", ""}; };
  EXPECT_EQ(unavailable_reason<AzureCliCredential>(f),
            "az account get-access-token did not finish within 10 s");
}

TEST(AzureCliCredential, OtherFailuresAndGarbledOutputFailWithAzsFirstLine) {
  CredentialFixture f;
  AzOnPath az;
  f.env = {{"PATH", az.dir.string()}};
  f.az = [](const std::vector<std::string>&) {
    return CommandResult{2, false, "",
                         "\nERROR: AADSTS50173: The provided grant has expired.\nmore detail\n"};
  };
  auto e = failure<AzureCliCredential>(f);
  EXPECT_STREQ(
      e.what(),
      "az account get-access-token failed (exit 2): ERROR: AADSTS50173: The provided grant has expired.");
  f.az = [](const std::vector<std::string>&) { return CommandResult{0, false, "WARNING: not json", ""}; };
  EXPECT_NE(std::string(failure<AzureCliCredential>(f).what()).find("is not a JSON object"),
            std::string::npos);
}

}  // namespace
}  // namespace tinkr::azure
