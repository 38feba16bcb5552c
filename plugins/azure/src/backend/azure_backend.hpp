// The Azure Monitor backend: options, the credential chain and token cache, the authorizing
// transport, and the query path (lower/, decode/, ...) behind tinkr::sdk::Backend.
#pragma once

#include "auth/credential_chain.hpp"
#include "auth/token_cache.hpp"
#include "backend/authorizing_transport.hpp"
#include "common/options.hpp"

#include <tinkr/sdk/backend.hpp>

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

namespace tinkr::azure {

class AzureBackend final : public sdk::Backend {
 public:
  static constexpr const char* kName = "azure";
  static constexpr const char* kVersion = "0.1.0";

  /// Capabilities (the query path's) merged with the options schema (option_specs()).
  static std::string describe();

  /// Validates the options (throws sdk::Error(TINKR_CONFIG) listing every problem) against the
  /// process environment. Acquires no token: that waits for the first query or health check.
  AzureBackend(const sdk::Host& host, std::string_view options_json);

  /// The same with the environment and the command runner injected (tests).
  AzureBackend(const sdk::Host& host, std::string_view options_json, Environment env,
               CommandRunner run_command);

  void execute(const ir::Query& query, sdk::Sink& sink, const sdk::CallContext& call) override;
  std::string explain(const ir::Query& query) override;

  /// The doctor's checks (backend/doctor.hpp): credential, a token per audience, `print 1`, a Metrics
  /// definitions call; {"status", "message", "checks": [...]}. Reused for 30 s (readiness probes).
  std::string check_health(const sdk::CallContext& call) override;

  /// A Key Vault secret ("keyvault:https://NAME.vault.azure.net/secrets/SECRET") read with the
  /// credential chain (secrets/key_vault.hpp).
  std::string read_secret(std::string_view uri, const sdk::CallContext& call) override;

  const AzureOptions& options() const { return options_; }

  /// What lowering needs: the options' ids and endpoints and the host's clock now.
  QueryContext query_context() const;

 private:
  sdk::Host host_;
  AzureOptions options_;
  CredentialChain credentials_;
  TokenCache tokens_;
  AuthorizingTransport transport_;
  static constexpr int64_t kHealthReuseNs = 30'000'000'000;
  std::mutex health_mutex_;
  std::string last_health_;
  int64_t last_health_ns_ = 0;
};

}  // namespace tinkr::azure
