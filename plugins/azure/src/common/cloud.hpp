// Azure clouds: the default endpoints of each and the token scope of each audience. Endpoints can be
// overridden in the profile (that is how tests reach the fake Azure); scopes cannot, because a token's
// audience is the cloud's resource whatever host serves it.
#pragma once

#include "common/query_context.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace tinkr::azure {

enum class Cloud { public_cloud, usgov, china };

/// "public" | "usgov" | "china"; nullopt for anything else.
std::optional<Cloud> cloud_from_string(std::string_view name);
std::string_view cloud_name(Cloud cloud);

/// The cloud's own endpoints (no trailing slash). Sources: Azure SDK authority-host constants
/// (login.microsoftonline.com / .us / login.chinacloudapi.cn), ARM resource-manager endpoints, and the
/// Log Analytics API pages of learn.microsoft.com and docs.azure.cn.
Endpoints default_endpoints(Cloud cloud);

/// The resource an audience's tokens are for, e.g. "https://api.loganalytics.io" (managed identity
/// and the Azure CLI take this form).
std::string token_resource(Cloud cloud, Audience audience);

/// The OAuth2 scope, the resource plus "/.default" (Entra ID's client-credentials form).
std::string token_scope(Cloud cloud, Audience audience);

/// Key Vault in the cloud: the DNS suffix of its vaults (".vault.azure.net") and the resource its
/// tokens are for ("https://vault.azure.net"). A vault's URL is the user's, so it has no endpoint to
/// override: the suffix is the allow-list a token for it is checked against.
std::string_view key_vault_dns_suffix(Cloud cloud);
std::string key_vault_resource(Cloud cloud);

/// "https://api.loganalytics.io/.default" -> "https://api.loganalytics.io", as the SDKs'
/// _scopes_to_resource does; a scope without the suffix is returned unchanged.
std::string scope_to_resource(std::string_view scope);

}  // namespace tinkr::azure
