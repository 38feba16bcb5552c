// Reading a Key Vault secret with the backend's credential chain (managed identity in production):
// GET {vault}/secrets/{name}?api-version=7.4 with a token for the cloud's Key Vault resource, and
// the answer's "value". The value and the token never go into an error or a log line.
#pragma once

#include "auth/token_cache.hpp"
#include "common/options.hpp"

#include <tinkr/sdk/host.hpp>

#include <string>
#include <string_view>

namespace tinkr::azure {

/// The secret's value. Throws sdk::Error: unsupported/config for a URI parse_key_vault_uri refuses
/// (before any token is fetched), not_found for a missing secret or vault, forbidden naming the role
/// 'Key Vault Secrets User' for a 403, and the usual codes for the rest (decode/azure_error.hpp).
std::string read_key_vault_secret(std::string_view uri, const AzureOptions& options, TokenCache& tokens,
                                  const sdk::Host& host, const sdk::CallContext& call);

/// The "value" of a Key Vault GetSecret answer; throws sdk::Error(TINKR_UPSTREAM_UNAVAILABLE) without
/// quoting the body (it may hold the secret) when there is none.
std::string secret_value_from_answer(std::string_view body, std::string_view what);

}  // namespace tinkr::azure
