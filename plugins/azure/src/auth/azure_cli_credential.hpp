// AzureCliCredential: the developer's `az login`, through
// `az account get-access-token --output json --resource R`, run without a shell and killed after
// azure_cli_timeout_seconds.
#pragma once

#include "auth/credential.hpp"

namespace tinkr::azure {

class AzureCliCredential final : public Credential {
 public:
  /// context must outlive the credential; az is looked up on the PATH of context.env.
  explicit AzureCliCredential(const CredentialContext& context) : context_(context) {}

  CredentialKind kind() const override { return CredentialKind::azure_cli; }

  /// Unavailable when az is not on PATH, is not logged in, or does not finish in time; a failure for
  /// any other non-zero exit (with the first line az wrote to stderr) or unreadable output.
  AccessToken get_token(const std::string& scope, const sdk::CallContext& call) override;

 private:
  const CredentialContext& context_;
};

}  // namespace tinkr::azure
