// DefaultAzureCredential's chain restricted to Tinkr's four credentials: environment -> workload
// identity -> managed identity -> Azure CLI, or only the one a profile pins with `credential`.
#pragma once

#include "auth/credential.hpp"

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace tinkr::azure {

/// A credential of that kind; context must outlive it.
std::unique_ptr<Credential> make_credential(CredentialKind kind, const CredentialContext& context);

class CredentialChain {
 public:
  /// Builds the chain from context.options.pinned_credential (all four when unset).
  explicit CredentialChain(CredentialContext context);
  CredentialChain(const CredentialChain&) = delete;
  CredentialChain& operator=(const CredentialChain&) = delete;

  /// Tries each credential in order. One that is unavailable is skipped with its reason recorded; one
  /// that applies but fails ends the walk (as in DefaultAzureCredential, so that a broken service
  /// principal never silently falls back to another identity). The first success is remembered and
  /// used alone from then on. Failure: sdk::Error unauthenticated (or the failing service's retryable
  /// status) whose message lists every credential tried with its reason, e.g. "azure authentication
  /// failed for scope 'https://api.loganalytics.io/.default': environment: AZURE_TENANT_ID, ... are
  /// not set; workload_identity: ...". Cancellation passes through unchanged.
  AccessToken get_token(const std::string& scope, const sdk::CallContext& call);

  /// The credential that succeeded, once one has.
  std::optional<CredentialKind> active_credential() const;

  /// Why the credentials before the active one were skipped ("environment: AZURE_TENANT_ID is not
  /// set; ..."), for `tinkr doctor`; empty when the first one applied or none has yet.
  std::string skipped_reasons() const;

 private:
  AccessToken from_chosen(std::size_t index, const std::string& scope, const sdk::CallContext& call);

  CredentialContext context_;  // credentials keep a reference: the chain is neither copied nor moved
  std::vector<std::unique_ptr<Credential>> credentials_;
  std::atomic<int> chosen_{-1};
  mutable std::mutex skipped_mutex_;
  std::string skipped_reasons_;
};

}  // namespace tinkr::azure
