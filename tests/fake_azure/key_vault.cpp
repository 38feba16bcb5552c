// The fake Key Vault: GET /secrets/{name}[/{version}]?api-version=7.4 answers the secret set with
// set_secret, in the shape of Key Vault's GetSecret (value, id, attributes), after checking the bearer
// token's audience (https://vault.azure.net). Its errors are Key Vault's own: 401 with the
// WWW-Authenticate challenge, 404 SecretNotFound, 400 for a missing api-version. The vault's host
// name is whatever the request used (reached through ConnectProxy::route).
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "state.hpp"

namespace tinkr::fake_azure {
namespace {

constexpr std::string_view kKeyVaultAudience = "https://vault.azure.net";

FakeResponse error(int status, std::string_view code, std::string_view message) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("error");
  w.StartObject();
  w.Key("code");
  w.String(code.data(), static_cast<rapidjson::SizeType>(code.size()));
  w.Key("message");
  w.String(message.data(), static_cast<rapidjson::SizeType>(message.size()));
  w.EndObject();
  w.EndObject();
  return FakeResponse::json(status, std::string(buffer.GetString(), buffer.GetSize()));
}

std::optional<FakeResponse> check_vault_bearer(const FakeAzure::State& state,
                                               const RecordedRequest& request) {
  if (!state.options.require_auth) return std::nullopt;
  const std::string_view authorization = request.header("Authorization");
  constexpr std::string_view kPrefix = "Bearer fake-token.";
  if (authorization.empty()) {
    auto response = error(401, "Unauthorized", "AKV10000: Request is missing a Bearer or PoP token.");
    response.headers.emplace_back(
        "WWW-Authenticate",
        "Bearer authorization=\"https://login.microsoftonline.com/"
        "72f988bf-86f1-41af-91ab-2d7cd011db47\", resource=\"https://vault.azure.net\"");
    return response;
  }
  const std::string_view token = authorization.substr(std::min(authorization.size(), kPrefix.size()));
  if (!authorization.starts_with(kPrefix) || token.substr(0, token.rfind('.')) != kKeyVaultAudience)
    return error(401, "Unauthorized",
                 "AKV10022: Invalid audience. Expected https://vault.azure.net, found: another audience.");
  return std::nullopt;
}

}  // namespace

FakeResponse key_vault_answer(FakeAzure::State& state, const RecordedRequest& request) {
  if (auto denied = check_vault_bearer(state, request)) return *denied;
  if (!request.query_param("api-version"))
    return error(400, "BadParameter", "The request URI contains an invalid or missing api-version.");
  std::string_view rest = std::string_view(request.path).substr(std::string_view("/secrets/").size());
  const std::string name(rest.substr(0, rest.find('/')));
  std::optional<std::pair<std::string, uint64_t>> secret;
  {
    std::lock_guard lock(state.mutex);
    if (auto it = state.secrets.find(name); it != state.secrets.end()) secret = it->second;
  }
  if (!secret)
    return error(
        404, "SecretNotFound",
        "A secret with (name/id) " + name +
            " was not found in this key vault. If you recently deleted this secret you may be able to "
            "recover it using the correct recovery command. For help resolving this issue, please see "
            "https://go.microsoft.com/fwlink/?linkid=2125182");
  const auto now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  char version[33];
  std::snprintf(version, sizeof version, "%032llx", static_cast<unsigned long long>(secret->second));
  const std::string id =
      "https://" + std::string(request.header("Host")) + "/secrets/" + name + "/" + version;
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("value");
  w.String(secret->first.data(), static_cast<rapidjson::SizeType>(secret->first.size()));
  w.Key("id");
  w.String(id.data(), static_cast<rapidjson::SizeType>(id.size()));
  w.Key("attributes");
  w.StartObject();
  w.Key("enabled");
  w.Bool(true);
  w.Key("created");
  w.Int64(now);
  w.Key("updated");
  w.Int64(now);
  w.Key("recoveryLevel");
  w.String("Recoverable+Purgeable");
  w.EndObject();
  w.Key("tags");
  w.StartObject();
  w.EndObject();
  w.EndObject();
  return FakeResponse::json(200, std::string(buffer.GetString(), buffer.GetSize()));
}

void FakeAzure::set_secret(const std::string& name, const std::string& value) {
  std::lock_guard lock(state_->mutex);
  auto& secret = state_->secrets[name];
  secret = {value, secret.second + 1};
}

void FakeAzure::remove_secret(const std::string& name) {
  std::lock_guard lock(state_->mutex);
  state_->secrets.erase(name);
}

FakeResponse FakeResponse::key_vault_forbidden() {
  // Key Vault's RBAC denial: the outer message spans lines (CR LF), the reason is in innererror.
  return json(
      403,
      R"({"error":{"code":"Forbidden","message":"Caller is not authorized to perform action on resource.\r\n)"
      R"(If role assignments, deny assignments or role definitions were changed recently, please observe )"
      R"(propagation time.\r\nCaller: appid=e2e-client-id;oid=5b2e0c3a-1111-2222-3333-444455556666\r\n)"
      R"(Action: 'Microsoft.KeyVault/vaults/secrets/getSecret/action'\r\nAssignment: (not found)\r\n",)"
      R"("innererror":{"code":"ForbiddenByRbac"}}})");
}

}  // namespace tinkr::fake_azure
