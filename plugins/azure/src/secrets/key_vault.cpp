// Key Vault GetSecret (see key_vault.hpp).
#include "secrets/key_vault.hpp"

#include "decode/azure_error.hpp"
#include "secrets/key_vault_uri.hpp"

#include <tinkr/sdk/error.hpp>

#include <rapidjson/document.h>

namespace tinkr::azure {
namespace {

// Key Vault's RBAC denial spans lines (CR LF between "Caller:", "Action:", ...): one line for a log.
std::string one_line(std::string_view text) {
  std::string out;
  for (char c : text) {
    const bool control = static_cast<unsigned char>(c) < 0x20;
    if (control && (out.empty() || out.back() == ' ')) continue;
    out.push_back(control ? ' ' : c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Key Vault's 403 names the caller ("Caller: appid=...;oid=GUID;..."): the principal to grant the role.
std::string caller_object_id(std::string_view message) {
  constexpr std::string_view kMarker = "oid=";
  const auto at = message.find(kMarker);
  if (at == std::string_view::npos) return "<principal-id>";
  const std::string_view id = message.substr(at + kMarker.size(), 36);
  return is_guid(id) ? std::string(id) : "<principal-id>";
}

}  // namespace

std::string secret_value_from_answer(std::string_view body, std::string_view what) {
  rapidjson::Document document;
  document.Parse(body.data(), body.size());
  if (document.HasParseError() || !document.IsObject() || !document.HasMember("value") ||
      !document["value"].IsString())
    throw sdk::Error(
        TINKR_UPSTREAM_UNAVAILABLE,
        std::string(what) + ": key vault's answer has no string 'value' (not a GetSecret answer)", true);
  return {document["value"].GetString(), document["value"].GetStringLength()};
}

std::string read_key_vault_secret(std::string_view uri, const AzureOptions& options, TokenCache& tokens,
                                  const sdk::Host& host, const sdk::CallContext& call) {
  const KeyVaultSecretRef secret = parse_key_vault_uri(uri, options.cloud);
  const std::string what = describe_secret(secret);
  const std::string scope = key_vault_resource(options.cloud) + "/.default";
  AccessToken token;
  try {
    token = tokens.get(scope, call);
  } catch (const sdk::Error& e) {
    throw sdk::Error(e.status(), what + ": no token for " + scope + ": " + e.message(), e.retryable(),
                     e.retry_after_ms());
  }

  sdk::HttpRequest request;
  request.url = secret_request_url(secret);
  request.headers.push_back({"Accept", "application/json"});
  request.headers.push_back({"Authorization", "Bearer " + token.token});
  request.ca_file = options.ca_file;
  request.max_response_bytes = 1 << 20;  // a Key Vault secret is at most 25 KB
  const sdk::HttpResponse response = host.http(request, call);
  if (decode::is_success(response.status)) return secret_value_from_answer(response.body, what);

  if (response.status == 401) tokens.invalidate(scope);
  const sdk::Error upstream = decode::azure_error(response, "key vault");
  std::string message = what + ": " + one_line(upstream.message());
  if (response.status == 403)
    message +=
        "; the identity needs the role 'Key Vault Secrets User' on the vault (az role assignment create "
        "--assignee " +
        caller_object_id(upstream.message()) +
        " --role \"Key Vault Secrets User\" --scope <the vault's resource id>), or an access policy that "
        "allows get on secrets";
  throw sdk::Error(upstream.status(), std::move(message), upstream.retryable(), upstream.retry_after_ms());
}

}  // namespace tinkr::azure
