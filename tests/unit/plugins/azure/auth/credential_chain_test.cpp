// The chain: DefaultAzureCredential's order, one aggregated error, stopping at a configured credential
// that fails, pinning, and remembering the credential that worked.
#include "auth/credential_chain.hpp"
#include "credential_test_support.hpp"

#include <tinkr/sdk/error.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace tinkr::azure {
namespace {

using namespace testing;

sdk::Error chain_error(CredentialChain& chain, FakeHost& fake) {
  try {
    chain.get_token(kLogAnalyticsScope, fake.call());
  } catch (const sdk::Error& e) {
    return e;
  }
  ADD_FAILURE() << "the chain did not fail";
  return sdk::Error(TINKR_OK, "");
}

TEST(CredentialChain, WhenNothingAppliesOneErrorListsEveryCredentialInOrder) {
  CredentialFixture f;
  f.env = {{"PATH", "/nonexistent"}};
  f.fake.handler = [](const sdk::HttpRequest&) -> sdk::HttpResponse {
    throw sdk::Error(TINKR_UPSTREAM_UNAVAILABLE, "connection refused");
  };
  CredentialChain chain(f.context());
  auto e = chain_error(chain, f.fake);
  EXPECT_EQ(e.status(), TINKR_UNAUTHENTICATED);
  EXPECT_EQ(
      std::string(e.what()),
      "azure authentication failed for scope 'https://api.loganalytics.io/.default': "
      "environment: AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET are not set; "
      "workload_identity: AZURE_FEDERATED_TOKEN_FILE, AZURE_CLIENT_ID and AZURE_TENANT_ID are not set; "
      "managed_identity: no managed identity endpoint answered (IMDS at http://imds.test, 1000 ms probe): "
      "connection refused; "
      "azure_cli: az (the Azure CLI) is not on PATH");
}

TEST(CredentialChain, TheFirstCredentialThatAppliesWinsAndIsRememberedForOtherScopes) {
  CredentialFixture f;
  f.env = {{"AZURE_TENANT_ID", "t"},
           {"AZURE_CLIENT_ID", "c"},
           {"AZURE_CLIENT_SECRET", kSecret},
           {"IDENTITY_ENDPOINT", "http://localhost:1/msi"},
           {"IDENTITY_HEADER", "h"}};
  f.fake.handler = [](const sdk::HttpRequest&) { return json_response(200, entra_ok()); };
  CredentialChain chain(f.context());
  EXPECT_EQ(chain.get_token(kLogAnalyticsScope, f.fake.call()).token, kTokenText);
  EXPECT_EQ(chain.active_credential(), CredentialKind::environment);
  chain.get_token("https://management.azure.com/.default", f.fake.call());
  for (const auto& r : f.fake.requests()) EXPECT_EQ(r.url.rfind("https://login.test/", 0), 0u) << r.url;
  auto logs = f.fake.logs();
  ASSERT_EQ(logs.size(), 1u) << "one line when a credential is chosen";
  EXPECT_NE(logs[0].find("credential 'environment'"), std::string::npos);
  EXPECT_EQ(logs[0].find(kTokenText), std::string::npos);
}

TEST(CredentialChain, SkipsUnavailableCredentialsUntilTheAzureCli) {
  CredentialFixture f;
  AzureOptions options = test_options();
  f.env = {{"PATH", "/bin:/usr/bin"}};
  // /bin has no az on this machine's test image; point PATH at a fake one instead.
  auto dir = std::filesystem::temp_directory_path() / ("tinkr-chain-az-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "az") << "#!/bin/sh\n";
  std::filesystem::permissions(dir / "az", std::filesystem::perms::owner_all);
  f.env["PATH"] = dir.string();
  f.fake.handler = [](const sdk::HttpRequest&) {
    return json_response(400, R"({"error":"invalid_request"})");
  };
  f.az = [](const std::vector<std::string>&) {
    return CommandResult{0, false, R"({"accessToken":"from-az","expires_on":1900000000})", ""};
  };
  CredentialChain chain(f.context());
  EXPECT_EQ(chain.get_token(kLogAnalyticsScope, f.fake.call()).token, "from-az");
  EXPECT_EQ(chain.active_credential(), CredentialKind::azure_cli);
  EXPECT_EQ(f.fake.requests().size(), 1u) << "IMDS was asked once, before the CLI";
  std::filesystem::remove_all(dir);
}

TEST(CredentialChain, AConfiguredCredentialThatFailsStopsTheChain) {
  CredentialFixture f;
  f.env = {
      {"AZURE_TENANT_ID", "t"}, {"AZURE_CLIENT_ID", "c"}, {"AZURE_CLIENT_SECRET", kSecret}, {"PATH", "/x"}};
  f.fake.handler = [](const sdk::HttpRequest&) {
    return json_response(401, read_vector("identity/entra.v2.error.invalid_client.7000215.json"));
  };
  CredentialChain chain(f.context());
  auto e = chain_error(chain, f.fake);
  std::string message = e.what();
  EXPECT_EQ(e.status(), TINKR_UNAUTHENTICATED);
  EXPECT_NE(message.find("environment: entra id answered HTTP 401: invalid_client: AADSTS7000215"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("the chain stops at a configured credential that fails"), std::string::npos)
      << message;
  EXPECT_EQ(message.find("managed_identity"), std::string::npos) << "nothing after it was tried";
  EXPECT_EQ(f.fake.requests().size(), 1u);
  EXPECT_EQ(message.find(kSecret), std::string::npos);
}

TEST(CredentialChain, APinnedCredentialIsTheOnlyOneTried) {
  CredentialFixture f;
  f.options.pinned_credential = CredentialKind::managed_identity;
  f.env = {{"AZURE_TENANT_ID", "t"}, {"AZURE_CLIENT_ID", "c"}, {"AZURE_CLIENT_SECRET", kSecret}};
  f.fake.handler = [](const sdk::HttpRequest&) {
    return json_response(400, read_vector("identity/imds.error.identity-not-found.json"));
  };
  CredentialChain chain(f.context());
  std::string message = chain_error(chain, f.fake).what();
  EXPECT_EQ(message,
            "azure authentication failed for scope 'https://api.loganalytics.io/.default': managed_identity "
            "(pinned by "
            "the profile's credential option): IMDS answered HTTP 400: invalid_request: Identity not found "
            "(no managed "
            "identity assigned, or not the one requested)");
  ASSERT_EQ(f.fake.requests().size(), 1u);
  EXPECT_EQ(f.fake.requests()[0].url.rfind("http://imds.test/", 0), 0u)
      << "the environment credential was skipped";
}

TEST(CredentialChain, CancellationPassesThroughUnchanged) {
  CredentialFixture f;
  f.env = {{"AZURE_TENANT_ID", "t"}, {"AZURE_CLIENT_ID", "c"}, {"AZURE_CLIENT_SECRET", kSecret}};
  f.fake.handler = [](const sdk::HttpRequest&) -> sdk::HttpResponse {
    throw sdk::Error(TINKR_CANCELLED, "query cancelled");
  };
  CredentialChain chain(f.context());
  EXPECT_EQ(chain_error(chain, f.fake).status(), TINKR_CANCELLED);
}

}  // namespace
}  // namespace tinkr::azure
