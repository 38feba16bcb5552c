// Azure CLI credential (see azure_cli_credential.hpp).
#include "auth/azure_cli_credential.hpp"

#include "auth/token_response.hpp"
#include "common/cloud.hpp"

#include <tinkr/sdk/error.hpp>

namespace tinkr::azure {
namespace {

/// The first non-empty line az wrote to stderr, cut short: enough to say why, too little to carry a
/// pasted blob. az never prints a token on stderr.
std::string first_line(std::string_view text) {
  while (!text.empty()) {
    auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (!line.empty()) return std::string(line.substr(0, 200));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return "no message";
}

}  // namespace

AccessToken AzureCliCredential::get_token(const std::string& scope, const sdk::CallContext& call) {
  auto program = find_program("az", context_.env("PATH"));
  if (!program) throw CredentialUnavailable("az (the Azure CLI) is not on PATH");
  call.throw_if_cancelled();
  std::vector<std::string> argv = {*program, "account",    "get-access-token",      "--output",
                                   "json",   "--resource", scope_to_resource(scope)};
  int timeout_s = context_.options.azure_cli_timeout_seconds;
  CommandResult result;
  try {
    result = context_.run_command(argv, int64_t{timeout_s} * 1000);
  } catch (const std::runtime_error& e) {
    throw CredentialUnavailable(e.what());
  }
  if (result.timed_out)
    throw CredentialUnavailable("az account get-access-token did not finish within " +
                                std::to_string(timeout_s) + " s");
  if (result.exit_code != 0) {
    std::string said = first_line(result.err);
    // az's own advice when no account is usable: "Please run 'az login' to setup account."
    if (result.err.find("az login") != std::string::npos ||
        result.err.find("az account set") != std::string::npos)
      throw CredentialUnavailable("az is not logged in (run 'az login'): " + said);
    throw sdk::Error(TINKR_UNAUTHENTICATED, "az account get-access-token failed (exit " +
                                                std::to_string(result.exit_code) + "): " + said);
  }
  try {
    return parse_azure_cli_token(result.out);
  } catch (const std::runtime_error& e) {
    throw sdk::Error(TINKR_UNAUTHENTICATED, e.what());
  }
}

}  // namespace tinkr::azure
