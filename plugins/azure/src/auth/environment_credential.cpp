// Client-secret credential from the environment (see environment_credential.hpp).
#include "auth/environment_credential.hpp"

#include "auth/entra_token_client.hpp"

namespace tinkr::azure {

AccessToken EnvironmentCredential::get_token(const std::string& scope, const sdk::CallContext& call) {
  const auto& env = context_.env;
  auto missing = describe_missing(env, {"AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET"});
  if (!missing.empty()) {
    if (!env("AZURE_CLIENT_SECRET") && env("AZURE_CLIENT_CERTIFICATE_PATH"))
      throw CredentialUnavailable(
          "AZURE_CLIENT_CERTIFICATE_PATH is set but certificate credentials are not supported (use a client "
          "secret, workload identity or managed identity)");
    throw CredentialUnavailable(missing);
  }
  FormFields form = {{"client_id", *env("AZURE_CLIENT_ID")}, {"client_secret", *env("AZURE_CLIENT_SECRET")}};
  return request_entra_token(context_, *env("AZURE_TENANT_ID"), std::move(form), scope, call);
}

}  // namespace tinkr::azure
