// Decoding of the token answers of every credential. Each service encodes expiry its own way (the
// vectors' README, "Surprises" 8): Entra ID sends expires_in as a number, managed identity sends
// expires_on (and IMDS expires_in) as strings of digits, the Azure CLI sends expires_on as an integer
// and the older expiresOn as local time without a zone. All are accepted.
#pragma once

#include "auth/access_token.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tinkr::azure {

/// Parses an OAuth2 token answer ({"access_token", "expires_on" | "expires_in"}) received at
/// received_at_ns. Throws std::runtime_error with a message free of the body's secrets when the body
/// is not such an answer (names the missing or malformed member).
AccessToken parse_token_response(std::string_view body, int64_t received_at_ns);

/// Parses `az account get-access-token --output json` output ({"accessToken", "expires_on" |
/// "expiresOn"}). Throws std::runtime_error like parse_token_response.
AccessToken parse_azure_cli_token(std::string_view output);

/// The useful part of an Entra ID or managed identity error body: "error: first line of
/// error_description" (the AADSTS code leads that line), without the trace/correlation lines.
/// nullopt when the body carries no error member.
std::optional<std::string> describe_token_error(std::string_view body);

/// "2026-03-01 12:34:56.123456" read as this machine's local time (the Azure CLI's expiresOn),
/// in Unix nanoseconds; nullopt when malformed.
std::optional<int64_t> parse_local_timestamp(std::string_view text);

}  // namespace tinkr::azure
