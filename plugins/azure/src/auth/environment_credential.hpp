// EnvironmentCredential: a service principal's client secret from AZURE_TENANT_ID, AZURE_CLIENT_ID
// and AZURE_CLIENT_SECRET, exchanged at Entra ID. For development and CI only: Microsoft's guidance
// is never to use a client secret in production (use workload or managed identity).
#pragma once

#include "auth/credential.hpp"

namespace tinkr::azure {

class EnvironmentCredential final : public Credential {
 public:
  /// context must outlive the credential.
  explicit EnvironmentCredential(const CredentialContext& context) : context_(context) {}

  CredentialKind kind() const override { return CredentialKind::environment; }
  AccessToken get_token(const std::string& scope, const sdk::CallContext& call) override;

 private:
  const CredentialContext& context_;
};

}  // namespace tinkr::azure
