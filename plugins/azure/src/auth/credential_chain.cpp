// The credential chain (see credential_chain.hpp).
#include "auth/credential_chain.hpp"

#include "auth/azure_cli_credential.hpp"
#include "auth/environment_credential.hpp"
#include "auth/managed_identity_credential.hpp"
#include "auth/workload_identity_credential.hpp"

#include <tinkr/sdk/error.hpp>

#include <utility>

namespace tinkr::azure {
namespace {

bool ends_the_call(const sdk::Error& e, const sdk::CallContext& call) {
  return e.status() == TINKR_CANCELLED || call.cancelled();
}

}  // namespace

std::unique_ptr<Credential> make_credential(CredentialKind kind, const CredentialContext& context) {
  switch (kind) {
    case CredentialKind::environment:
      return std::make_unique<EnvironmentCredential>(context);
    case CredentialKind::workload_identity:
      return std::make_unique<WorkloadIdentityCredential>(context);
    case CredentialKind::managed_identity:
      return std::make_unique<ManagedIdentityCredential>(context);
    case CredentialKind::azure_cli:
      return std::make_unique<AzureCliCredential>(context);
  }
  return nullptr;
}

CredentialChain::CredentialChain(CredentialContext context) : context_(std::move(context)) {
  if (auto pinned = context_.options.pinned_credential) {
    credentials_.push_back(make_credential(*pinned, context_));
    return;
  }
  for (CredentialKind kind : kCredentialOrder) credentials_.push_back(make_credential(kind, context_));
}

std::optional<CredentialKind> CredentialChain::active_credential() const {
  int chosen = chosen_.load();
  if (chosen < 0) return std::nullopt;
  return credentials_[static_cast<std::size_t>(chosen)]->kind();
}

std::string CredentialChain::skipped_reasons() const {
  std::lock_guard lock(skipped_mutex_);
  return skipped_reasons_;
}

AccessToken CredentialChain::from_chosen(std::size_t index, const std::string& scope,
                                         const sdk::CallContext& call) {
  const auto& credential = *credentials_[index];
  std::string name(credential_name(credential.kind()));
  try {
    return credentials_[index]->get_token(scope, call);
  } catch (const CredentialUnavailable& e) {
    throw sdk::Error(TINKR_UNAUTHENTICATED,
                     "azure authentication failed for scope '" + scope + "': " + name + ": " + e.what());
  } catch (const sdk::Error& e) {
    if (ends_the_call(e, call)) throw;
    throw sdk::Error(e.retryable() ? e.status() : TINKR_UNAUTHENTICATED,
                     "azure authentication failed for scope '" + scope + "': " + name + ": " + e.what(),
                     e.retryable(), e.retry_after_ms());
  }
}

AccessToken CredentialChain::get_token(const std::string& scope, const sdk::CallContext& call) {
  if (int chosen = chosen_.load(); chosen >= 0)
    return from_chosen(static_cast<std::size_t>(chosen), scope, call);

  std::string reasons;
  const bool pinned = context_.options.pinned_credential.has_value();
  for (std::size_t i = 0; i < credentials_.size(); ++i) {
    std::string name(credential_name(credentials_[i]->kind()));
    if (pinned) name += " (pinned by the profile's credential option)";
    if (!reasons.empty()) reasons += "; ";
    try {
      AccessToken token = credentials_[i]->get_token(scope, call);
      {
        std::lock_guard lock(skipped_mutex_);
        skipped_reasons_ = reasons.ends_with("; ") ? reasons.substr(0, reasons.size() - 2) : reasons;
      }
      chosen_.store(static_cast<int>(i));
      if (context_.host)
        context_.host->info("azure: credential '" + std::string(credential_name(credentials_[i]->kind())) +
                            "' got a token for scope '" + scope + "'; it is used from now on");
      return token;
    } catch (const CredentialUnavailable& e) {
      reasons += name + ": " + e.what();
    } catch (const sdk::Error& e) {
      if (ends_the_call(e, call)) throw;
      reasons += name + ": " + e.what();
      if (i + 1 < credentials_.size()) reasons += " (the chain stops at a configured credential that fails)";
      throw sdk::Error(e.retryable() ? e.status() : TINKR_UNAUTHENTICATED,
                       "azure authentication failed for scope '" + scope + "': " + reasons, e.retryable(),
                       e.retry_after_ms());
    }
  }
  throw sdk::Error(TINKR_UNAUTHENTICATED,
                   "azure authentication failed for scope '" + scope + "': " + reasons);
}

}  // namespace tinkr::azure
