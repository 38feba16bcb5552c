// Federated-token credential for AKS workload identity (see workload_identity_credential.hpp).
#include "auth/workload_identity_credential.hpp"

#include "auth/entra_token_client.hpp"

#include <tinkr/sdk/error.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace tinkr::azure {
namespace {

std::string read_assertion(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file)
    throw sdk::Error(TINKR_UNAUTHENTICATED,
                     "cannot read AZURE_FEDERATED_TOKEN_FILE '" + path + "': " + std::strerror(errno));
  std::ostringstream content;
  content << file.rdbuf();
  std::string assertion = content.str();
  auto end = assertion.find_last_not_of(" \t\r\n");
  auto begin = assertion.find_first_not_of(" \t\r\n");
  if (end == std::string::npos)
    throw sdk::Error(TINKR_UNAUTHENTICATED, "AZURE_FEDERATED_TOKEN_FILE '" + path + "' is empty");
  return assertion.substr(begin, end - begin + 1);
}

}  // namespace

AccessToken WorkloadIdentityCredential::get_token(const std::string& scope, const sdk::CallContext& call) {
  const auto& env = context_.env;
  auto missing = describe_missing(env, {"AZURE_FEDERATED_TOKEN_FILE", "AZURE_CLIENT_ID", "AZURE_TENANT_ID"});
  if (!missing.empty()) throw CredentialUnavailable(missing);
  FormFields form = {{"client_id", *env("AZURE_CLIENT_ID")},
                     {"client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"},
                     {"client_assertion", read_assertion(*env("AZURE_FEDERATED_TOKEN_FILE"))}};
  return request_entra_token(context_, *env("AZURE_TENANT_ID"), std::move(form), scope, call);
}

}  // namespace tinkr::azure
