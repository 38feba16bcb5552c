// The Azure plugin's options: parsed from the profile's options JSON with environment fallbacks, and
// validated all at once so that one TINKR_CONFIG error lists every problem, each naming its key and
// the environment variable that could supply it.
#pragma once

#include "common/cloud.hpp"
#include "common/environment.hpp"
#include "common/query_context.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace tinkr::azure {

/// The credentials of the chain, in DefaultAzureCredential's order.
enum class CredentialKind { environment, workload_identity, managed_identity, azure_cli };

inline constexpr CredentialKind kCredentialOrder[] = {
    CredentialKind::environment, CredentialKind::workload_identity, CredentialKind::managed_identity,
    CredentialKind::azure_cli};

/// "environment" | "workload_identity" | "managed_identity" | "azure_cli".
std::string_view credential_name(CredentialKind kind);
std::optional<CredentialKind> credential_from_string(std::string_view name);

struct AzureOptions {
  std::string workspace_id;     // a GUID
  std::string subscription_id;  // a GUID
  std::string resource_group;
  Cloud cloud = Cloud::public_cloud;
  Endpoints endpoints;  // the cloud's, with the profile's overrides; no trailing slash
  std::string ca_file;  // PEM bundle for TLS verification; empty = the system store
  std::optional<CredentialKind> pinned_credential;   // unset: the whole chain
  std::string managed_identity_client_id;            // user-assigned identity; empty = system-assigned
  int server_timeout_seconds = 180;                  // sent as Prefer: wait=N (Log Analytics' default)
  int client_timeout_margin_seconds = 30;            // the client waits N + margin
  int64_t managed_identity_probe_timeout_ms = 1000;  // first IMDS request: fall through fast off Azure
  int azure_cli_timeout_seconds = 10;
  // The largest answer taken, counted on the wire and again once inflated (a small gzip body may
  // inflate a thousandfold). The host's default cap, so identity answers behave as before.
  int64_t max_answer_bytes = int64_t{64} << 20;
  SliceSettings slices;    // the service's caps and how a large logs query is fetched past them
  TablePlans table_plans;  // the tables on the Basic and Auxiliary plans (comma lists in the profile)
  bool allow_plain_http_loopback = false;
};

/// One option key as describe() documents it.
struct OptionSpec {
  std::string_view key;
  std::string_view type;  // "string" | "integer" | "boolean"
  bool required;
  std::string_view env;  // the environment variable read when the profile omits the key, or empty
  std::string_view description;
};

/// Every key parse_options accepts, in documentation order.
std::span<const OptionSpec> option_specs();

/// Parses and validates options_json (a JSON object; empty text counts as {}). Profile values win
/// over environment variables. Throws sdk::Error(TINKR_CONFIG) naming every problem, e.g.
/// "invalid azure options: option 'workspace_id' is missing (set it in the profile or
/// AZURE_LOG_ANALYTICS_WORKSPACE_ID); unknown option 'workspace'".
AzureOptions parse_options(std::string_view options_json, const Environment& env);

/// 8-4-4-4-12 hexadecimal digits.
bool is_guid(std::string_view text);

}  // namespace tinkr::azure
