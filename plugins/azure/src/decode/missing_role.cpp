// Missing-role advice for Azure 403s; see missing_role.hpp.
#include "decode/missing_role.hpp"

#include <rapidjson/document.h>
#include <boost/beast/core/detail/base64.hpp>

namespace tinkr::azure::decode {
namespace {

// Object ids are GUIDs: anything else in their place is not quoted into a shell command.
bool is_guid_text(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (dash ? c != '-' : !hex) return false;
  }
  return true;
}

// The payload of header.payload.signature, from base64url (no padding) to bytes.
std::string jwt_payload(std::string_view token) {
  const auto first = token.find('.');
  const auto second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (second == std::string_view::npos) return {};
  std::string encoded(token.substr(first + 1, second - first - 1));
  for (char& c : encoded) c = c == '-' ? '+' : c == '_' ? '/' : c;
  while (encoded.size() % 4 != 0) encoded.push_back('=');
  std::string decoded(boost::beast::detail::base64::decoded_size(encoded.size()), '\0');
  auto [written, read] = boost::beast::detail::base64::decode(decoded.data(), encoded.data(), encoded.size());
  if (read != encoded.size()) return {};
  decoded.resize(written);
  return decoded;
}

// A scope as a shell word: resource group names may hold parentheses.
std::string shell_word(std::string_view text) {
  for (char c : text) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '/' || c == '-' || c == '_' || c == '.';
    if (!plain) {
      std::string quoted = "'";
      for (char q : text)
        if (q != '\'') quoted.push_back(q);
      return quoted + "'";
    }
  }
  return std::string(text);
}

}  // namespace

std::string_view role_for(RoleApi api) {
  return api == RoleApi::log_analytics ? "Log Analytics Reader" : "Monitoring Reader";
}

bool is_missing_role(const AzureErrorInfo& info) {
  return info.top_code == "InsufficientAccessError" || info.top_code == "AuthorizationFailed";
}

std::string principal_from_arm_message(std::string_view message) {
  constexpr std::string_view kMarker = "with object id '";
  const auto at = message.find(kMarker);
  if (at == std::string_view::npos) return {};
  const auto start = at + kMarker.size();
  const auto end = message.find('\'', start);
  if (end == std::string_view::npos) return {};
  std::string_view id = message.substr(start, end - start);
  return is_guid_text(id) ? std::string(id) : std::string();
}

std::string principal_from_token(std::string_view token) {
  const std::string payload = jwt_payload(token);
  rapidjson::Document claims;
  claims.Parse(payload.data(), payload.size());
  if (claims.HasParseError() || !claims.IsObject()) return {};
  auto oid = claims.FindMember("oid");
  if (oid == claims.MemberEnd() || !oid->value.IsString()) return {};
  std::string_view id(oid->value.GetString(), oid->value.GetStringLength());
  return is_guid_text(id) ? std::string(id) : std::string();
}

std::string role_scope(std::string_view subscription_id, std::string_view resource_group) {
  std::string scope = "/subscriptions/";
  scope += subscription_id.empty() ? "<subscription-id>" : subscription_id;
  if (!resource_group.empty()) scope += "/resourceGroups/" + std::string(resource_group);
  return scope;
}

std::string missing_role_advice(RoleApi api, std::string_view scope, std::string_view principal_id) {
  const std::string role(role_for(api));
  std::string advice = "the identity needs the role '" + role + "' at " + std::string(scope) +
                       " (or the whole subscription); grant it with: az role assignment create --assignee " +
                       (principal_id.empty() ? std::string("<principal-id>") : std::string(principal_id)) +
                       " --role \"" + role + "\" --scope " + shell_word(scope);
  if (principal_id.empty())
    advice +=
        " (<principal-id>: az identity show --name IDENTITY --resource-group RG --query principalId -o tsv)";
  return advice;
}

}  // namespace tinkr::azure::decode
