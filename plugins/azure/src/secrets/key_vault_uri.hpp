// "keyvault:https://NAME.vault.azure.net/secrets/SECRET[/VERSION]": which secret a host asks for, checked
// before any token is fetched. Only https on the configured cloud's vault DNS suffix is accepted, so a
// Key Vault token never travels to another host.
#pragma once

#include "common/cloud.hpp"

#include <string>
#include <string_view>

namespace tinkr::azure {

inline constexpr std::string_view kKeyVaultScheme = "keyvault:";
inline constexpr std::string_view kKeyVaultApiVersion = "7.4";

struct KeyVaultSecretRef {
  std::string vault_url;  // "https://kv-tinkr.vault.azure.net" (lowercase, no port, no slash)
  std::string name;       // the secret's name
  std::string version;    // empty: the current version
};

/// Parses uri for cloud. Throws sdk::Error(TINKR_UNSUPPORTED) for another scheme and
/// sdk::Error(TINKR_CONFIG) naming what is wrong for a malformed one, e.g. "secret URI
/// 'keyvault:https://evil.example/secrets/x': the host must be a vault of the public cloud
/// (NAME.vault.azure.net)".
KeyVaultSecretRef parse_key_vault_uri(std::string_view uri, Cloud cloud);

/// GET URL of the secret: "{vault}/secrets/{name}[/{version}]?api-version=7.4".
std::string secret_request_url(const KeyVaultSecretRef& secret);

/// "vault https://kv.vault.azure.net secret 'name'" for messages.
std::string describe_secret(const KeyVaultSecretRef& secret);

}  // namespace tinkr::azure
