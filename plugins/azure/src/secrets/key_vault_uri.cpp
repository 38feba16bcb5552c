// Parsing and checking Key Vault secret URIs (see key_vault_uri.hpp). Name rules: Key Vault's
// documented ones (vault 3-24 letters, digits and single hyphens, starting with a letter, ending with
// a letter or digit; secret 1-127 letters, digits and hyphens; version 32 hexadecimal digits).
#include "secrets/key_vault_uri.hpp"

#include "common/url.hpp"

#include <tinkr/sdk/error.hpp>

#include <cctype>

namespace tinkr::azure {
namespace {

bool is_alnum(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

bool is_vault_name(std::string_view name) {
  if (name.size() < 3 || name.size() > 24) return false;
  if (!std::isalpha(static_cast<unsigned char>(name.front())) || !is_alnum(name.back())) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (name[i] == '-' && name[i - 1] == '-') return false;
    if (name[i] != '-' && !is_alnum(name[i])) return false;
  }
  return true;
}

bool is_secret_name(std::string_view name) {
  if (name.empty() || name.size() > 127) return false;
  for (char c : name)
    if (c != '-' && !is_alnum(c)) return false;
  return true;
}

bool is_version(std::string_view version) {
  if (version.size() != 32) return false;
  for (char c : version)
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

}  // namespace

KeyVaultSecretRef parse_key_vault_uri(std::string_view uri, Cloud cloud) {
  if (!uri.starts_with(kKeyVaultScheme)) {
    const auto colon = uri.find(':');
    throw sdk::Error(TINKR_UNSUPPORTED, "the azure backend reads secrets from 'keyvault:' URIs only, not '" +
                                            std::string(uri.substr(0, colon == uri.npos ? 0 : colon)) + ":'");
  }
  const std::string subject = "secret URI '" + std::string(uri) + "': ";
  const std::string suffix(key_vault_dns_suffix(cloud));
  const std::string expected = "expected keyvault:https://NAME" + suffix + "/secrets/SECRET[/VERSION]";
  auto fail = [&](const std::string& what) {
    return sdk::Error(TINKR_CONFIG, subject + what + "; " + expected);
  };

  const std::string_view url = uri.substr(kKeyVaultScheme.size());
  auto parts = split_url(url);
  if (!parts || parts->scheme != "https") throw fail("not an https URL");
  if (parts->port != "443") throw fail("a vault answers on port 443 only");
  if (!parts->host.ends_with(suffix) ||
      !is_vault_name(parts->host.substr(0, parts->host.size() - suffix.size())))
    throw fail("the host '" + parts->host + "' is not a vault of the " + std::string(cloud_name(cloud)) +
               " cloud (NAME" + suffix + ")");
  std::string_view path = parts->path_and_query;
  if (path.find_first_of("?#") != std::string_view::npos) throw fail("a query or fragment is not allowed");
  constexpr std::string_view kSecrets = "/secrets/";
  if (!path.starts_with(kSecrets)) throw fail("the path must start with /secrets/");
  path.remove_prefix(kSecrets.size());
  if (path.ends_with('/')) path.remove_suffix(1);
  KeyVaultSecretRef secret;
  secret.vault_url = "https://" + parts->host;
  const auto slash = path.find('/');
  secret.name = std::string(path.substr(0, slash));
  if (slash != std::string_view::npos) secret.version = std::string(path.substr(slash + 1));
  if (!is_secret_name(secret.name)) throw fail("the secret name must be 1-127 letters, digits and hyphens");
  if (slash != std::string_view::npos && !is_version(secret.version))
    throw fail("the version must be 32 hexadecimal digits");
  return secret;
}

std::string secret_request_url(const KeyVaultSecretRef& secret) {
  // Names and versions are letters, digits and hyphens only (checked above): nothing to encode.
  return secret.vault_url + "/secrets/" + secret.name + (secret.version.empty() ? "" : "/" + secret.version) +
         "?api-version=" + std::string(kKeyVaultApiVersion);
}

std::string describe_secret(const KeyVaultSecretRef& secret) {
  return "vault " + secret.vault_url + " secret '" + secret.name + "'";
}

}  // namespace tinkr::azure
