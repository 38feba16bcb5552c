// One way of getting an Azure access token, and what every credential gets from its surroundings
// (the host for HTTP and the clock, the environment, endpoints), all injectable for tests.
#pragma once

#include "auth/access_token.hpp"
#include "auth/process_runner.hpp"
#include "common/environment.hpp"
#include "common/options.hpp"

#include <tinkr/sdk/host.hpp>

#include <stdexcept>
#include <string>
#include <string_view>

namespace tinkr::azure {

/// Thrown by a credential that does not apply here (not configured, no endpoint answering, az not
/// installed or not logged in): the chain records the reason and tries the next credential. The
/// message is the reason, e.g. "AZURE_TENANT_ID is not set".
class CredentialUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// What credentials need besides the scope. host must outlive the credentials.
struct CredentialContext {
  const sdk::Host* host = nullptr;
  Environment env;
  AzureOptions options;  // endpoints (authority, imds), ca_file, managed identity client id, timeouts
  CommandRunner run_command;
};

class Credential {
 public:
  virtual ~Credential() = default;

  /// The name profiles pin it by: "environment", "workload_identity", ...
  virtual CredentialKind kind() const = 0;

  /// A token for scope ("https://api.loganalytics.io/.default"). Throws CredentialUnavailable when the
  /// credential does not apply, sdk::Error when it applies but failed (the message carries the
  /// service's error code and description, never the request or a secret). May be called from
  /// several threads at once.
  virtual AccessToken get_token(const std::string& scope, const sdk::CallContext& call) = 0;
};

}  // namespace tinkr::azure
