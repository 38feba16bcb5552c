// Shared set-up of the credential tests: a fake host, options pointing at fake endpoints, and a
// credential context with a fixed environment and a scripted az.
#pragma once

#include "auth/credential.hpp"
#include "fake_host.hpp"

#include <memory>

namespace tinkr::azure::testing {

inline constexpr const char* kLogAnalyticsScope = "https://api.loganalytics.io/.default";
inline constexpr const char* kSecret = "s3cr3t-client-secret~value";
inline constexpr const char* kTokenText = "eyJ-the-access-token";

inline AzureOptions test_options() {
  AzureOptions options;
  options.workspace_id = "11111111-2222-3333-4444-555555555555";
  options.subscription_id = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
  options.resource_group = "rg";
  options.endpoints = default_endpoints(Cloud::public_cloud);
  options.endpoints.authority = "https://login.test";
  options.endpoints.imds = "http://imds.test";
  options.ca_file = "/tmp/ca.pem";
  return options;
}

/// An az that is never on PATH unless a test says so, and a runner that fails the test if called.
struct CredentialFixture {
  FakeHost fake;
  sdk::Host host = fake.host();
  std::map<std::string, std::string, std::less<>> env;
  std::vector<std::vector<std::string>> commands;
  std::function<CommandResult(const std::vector<std::string>&)> az = [](const std::vector<std::string>&) {
    return CommandResult{1, false, "", "ERROR: Please run 'az login' to setup account."};
  };
  AzureOptions options = test_options();

  CredentialContext context() {
    CredentialContext c;
    c.host = &host;
    c.env = fixed_environment(env);
    c.options = options;
    c.run_command = [this](const std::vector<std::string>& argv, int64_t) {
      commands.push_back(argv);
      return az(argv);
    };
    return c;
  }
};

inline std::string entra_ok(int expires_in = 3600) {
  return R"({"token_type":"Bearer","expires_in":)" + std::to_string(expires_in) + R"(,"access_token":")" +
         kTokenText + R"("})";
}

}  // namespace tinkr::azure::testing
