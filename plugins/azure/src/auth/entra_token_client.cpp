// Entra ID v2.0 client-credentials token request (see entra_token_client.hpp).
#include "auth/entra_token_client.hpp"

#include "auth/token_response.hpp"
#include "common/url.hpp"

#include <tinkr/sdk/error.hpp>

#include <algorithm>
#include <cctype>

namespace tinkr::azure {

bool is_valid_tenant(std::string_view tenant) {
  return !tenant.empty() && tenant.size() <= 256 &&
         std::all_of(tenant.begin(), tenant.end(),
                     [](unsigned char c) { return std::isalnum(c) || c == '.' || c == '-'; });
}

AccessToken request_entra_token(const CredentialContext& context, std::string_view tenant, FormFields form,
                                const std::string& scope, const sdk::CallContext& call) {
  if (!is_valid_tenant(tenant))
    throw sdk::Error(TINKR_UNAUTHENTICATED, "AZURE_TENANT_ID is not a tenant id or domain name");
  form.emplace_back("grant_type", "client_credentials");
  form.emplace_back("scope", scope);

  sdk::HttpRequest request;
  request.method = "POST";
  request.url = context.options.endpoints.authority + "/" + percent_encode(tenant) + "/oauth2/v2.0/token";
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "application/json"}};
  request.body = form_encode(form);
  request.ca_file = context.options.ca_file;
  if (request.url.rfind("http://", 0) == 0)
    request.flags |= TINKR_HTTP_ALLOW_PLAIN_HTTP;  // loopback, checked by options

  sdk::HttpResponse response;
  try {
    response = context.host->http(request, call);
  } catch (const sdk::Error& e) {
    throw sdk::Error(e.status(), "entra id token request failed: " + std::string(e.what()), e.retryable(),
                     e.retry_after_ms());
  }
  int64_t received_at = context.host->now_ns();
  if (response.status != 200) {
    std::string what = "entra id answered HTTP " + std::to_string(response.status);
    if (auto detail = describe_token_error(response.body)) what += ": " + *detail;
    if (response.status == 429) throw sdk::Error(TINKR_THROTTLED, what, true);
    if (response.status >= 500) throw sdk::Error(TINKR_UPSTREAM_UNAVAILABLE, what, true);
    throw sdk::Error(TINKR_UNAUTHENTICATED, what);
  }
  try {
    return parse_token_response(response.body, received_at);
  } catch (const std::runtime_error& e) {
    throw sdk::Error(TINKR_UPSTREAM_UNAVAILABLE, "entra id answered HTTP 200 but " + std::string(e.what()),
                     true);
  }
}

}  // namespace tinkr::azure
