// ManagedIdentityCredential: the App Service / Functions / Container Apps identity endpoint when
// IDENTITY_ENDPOINT and IDENTITY_HEADER are set (api-version 2019-08-01, header X-IDENTITY-HEADER),
// otherwise the VM / VMSS / AKS-node instance metadata service (IMDS, api-version 2018-02-01, header
// Metadata: true). A user-assigned identity is chosen with client_id (managed_identity_client_id,
// which defaults to AZURE_CLIENT_ID as in DefaultAzureCredential).
#pragma once

#include "auth/credential.hpp"

#include <atomic>

namespace tinkr::azure {

class ManagedIdentityCredential final : public Credential {
 public:
  /// context must outlive the credential.
  explicit ManagedIdentityCredential(const CredentialContext& context) : context_(context) {}

  CredentialKind kind() const override { return CredentialKind::managed_identity; }

  /// Until IMDS has answered once, a request is a probe: one attempt, managed_identity_probe_timeout_ms,
  /// and no answer means "unavailable" so that a laptop falls through to the Azure CLI quickly. IMDS's
  /// HTTP 400 (identity not found / not assigned) is "unavailable" too, as in the SDKs.
  AccessToken get_token(const std::string& scope, const sdk::CallContext& call) override;

 private:
  AccessToken from_identity_endpoint(const std::string& endpoint, const std::string& secret_header,
                                     const std::string& resource, const sdk::CallContext& call);
  AccessToken from_imds(const std::string& resource, const sdk::CallContext& call);

  const CredentialContext& context_;
  std::atomic<bool> imds_answered_{false};
};

}  // namespace tinkr::azure
