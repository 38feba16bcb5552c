// WorkloadIdentityCredential (AKS): the Kubernetes service account token in AZURE_FEDERATED_TOKEN_FILE
// is sent to Entra ID as a client assertion for AZURE_CLIENT_ID in AZURE_TENANT_ID.
#pragma once

#include "auth/credential.hpp"

namespace tinkr::azure {

class WorkloadIdentityCredential final : public Credential {
 public:
  /// context must outlive the credential.
  explicit WorkloadIdentityCredential(const CredentialContext& context) : context_(context) {}

  CredentialKind kind() const override { return CredentialKind::workload_identity; }

  /// Reads the token file on every call: Kubernetes rotates the projected token, so a copy kept from
  /// start-up would expire (about an hour later) while the file stays fresh.
  AccessToken get_token(const std::string& scope, const sdk::CallContext& call) override;

 private:
  const CredentialContext& context_;
};

}  // namespace tinkr::azure
