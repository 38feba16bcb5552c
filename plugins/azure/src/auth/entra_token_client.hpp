// The OAuth2 client-credentials request to Entra ID's v2.0 token endpoint, shared by the environment
// (client secret) and workload identity (client assertion) credentials.
#pragma once

#include "auth/access_token.hpp"
#include "auth/credential.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tinkr::azure {

using FormFields = std::vector<std::pair<std::string, std::string>>;

/// POSTs `form` (with grant_type=client_credentials and scope added) to
/// {authority}/{tenant}/oauth2/v2.0/token and decodes the answer. Throws sdk::Error: unauthenticated
/// for Entra's 4xx answers (message "entra id answered HTTP 401: invalid_client: AADSTS7000215: ..."),
/// upstream_unavailable (retryable) for 5xx and unreadable answers, throttled for 429, and the host's
/// own error when no answer came. Messages never hold the form (it carries the secret or assertion).
AccessToken request_entra_token(const CredentialContext& context, std::string_view tenant, FormFields form,
                                const std::string& scope, const sdk::CallContext& call);

/// True for a GUID or a domain-like tenant ("contoso.onmicrosoft.com"): letters, digits, '.', '-'.
bool is_valid_tenant(std::string_view tenant);

}  // namespace tinkr::azure
