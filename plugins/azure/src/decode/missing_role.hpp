// What a 403 from Azure means for the person who has to fix it: the role the call needs (Log Analytics
// Reader for Log Analytics queries, Monitoring Reader for ARM and Metrics), the scope to grant it at,
// and the exact `az role assignment create` line, with the caller's principal id when it is known
// (ARM's AuthorizationFailed message names it; for Log Analytics it is the token's `oid` claim).
#pragma once

#include "decode/azure_error.hpp"

#include <string>
#include <string_view>

namespace tinkr::azure::decode {

/// Which upstream Azure API answered: decides the role a 403 asks for.
enum class RoleApi { log_analytics, monitor };

/// "Log Analytics Reader" or "Monitoring Reader".
std::string_view role_for(RoleApi api);

/// Headers the authorizing transport adds to a 403 answer (never sent anywhere) so that the error
/// built from it can name the caller and the scope: the token's oid, and role_scope() of the profile.
inline constexpr std::string_view kCallerObjectIdHeader = "x-tinkr-caller-object-id";
inline constexpr std::string_view kRoleScopeHeader = "x-tinkr-role-scope";

/// True for the 403 codes that mean "this identity lacks a role" (InsufficientAccessError,
/// AuthorizationFailed), not for a bad or wrong-audience token.
bool is_missing_role(const AzureErrorInfo& info);

/// The object id in ARM's "The client '...' with object id 'OID' does not have authorization ...";
/// empty when the message has none.
std::string principal_from_arm_message(std::string_view message);

/// The `oid` claim of a JWT access token (its payload decoded, the signature ignored); empty when the
/// token is not a JWT or has no oid. Never logs or returns anything else of the token.
std::string principal_from_token(std::string_view token);

/// The subscription or resource group scope the profile names ("/subscriptions/S/resourceGroups/RG",
/// "/subscriptions/S"), or a placeholder to fill in when neither is configured.
std::string role_scope(std::string_view subscription_id, std::string_view resource_group);

/// The sentence appended to a missing-role 403: the role, the scope and the command, e.g.
/// "the identity needs the role 'Monitoring Reader' at /subscriptions/S/resourceGroups/RG; grant it
/// with: az role assignment create --assignee OID --role "Monitoring Reader" --scope /subscriptions/...".
/// Without a principal id the command says <principal-id> and how to look it up.
std::string missing_role_advice(RoleApi api, std::string_view scope, std::string_view principal_id);

}  // namespace tinkr::azure::decode
