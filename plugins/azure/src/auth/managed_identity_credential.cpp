// Managed identity through the identity endpoint or IMDS (see managed_identity_credential.hpp).
#include "auth/managed_identity_credential.hpp"

#include "auth/token_response.hpp"
#include "common/cloud.hpp"
#include "common/url.hpp"

#include <tinkr/sdk/error.hpp>

#include <utility>
#include <vector>

namespace tinkr::azure {
namespace {

constexpr std::string_view kIdentityEndpointApiVersion = "2019-08-01";
constexpr std::string_view kImdsApiVersion = "2018-02-01";
constexpr std::string_view kImdsTokenPath = "/metadata/identity/oauth2/token";

std::string token_url(const std::string& base, std::string_view api_version, const std::string& resource,
                      const std::string& client_id) {
  std::vector<std::pair<std::string, std::string>> query = {{"api-version", std::string(api_version)},
                                                            {"resource", resource}};
  if (!client_id.empty()) query.emplace_back("client_id", client_id);
  return base + (base.find('?') == std::string::npos ? "?" : "&") + form_encode(query);
}

// IMDS documents 404 and 410 as "updating, try again", 429 as throttling and 5xx as transient.
bool is_transient_imds_status(int status) {
  return status == 429 || status >= 500 || status == 404 || status == 410;
}

/// A non-200 answer as an error of the matching status; `service` names who answered.
sdk::Error answer_error(std::string_view endpoint, const sdk::HttpResponse& response) {
  std::string what = std::string(endpoint) + " answered HTTP " + std::to_string(response.status);
  if (auto detail = describe_token_error(response.body)) what += ": " + *detail;
  if (response.status == 429) return sdk::Error(TINKR_THROTTLED, what, true);
  if (is_transient_imds_status(response.status)) return sdk::Error(TINKR_UPSTREAM_UNAVAILABLE, what, true);
  return sdk::Error(TINKR_UNAUTHENTICATED, what);
}

AccessToken parse_or_throw(std::string_view endpoint, const sdk::HttpResponse& response,
                           int64_t received_at) {
  try {
    return parse_token_response(response.body, received_at);
  } catch (const std::runtime_error& e) {
    throw sdk::Error(TINKR_UPSTREAM_UNAVAILABLE, std::string(endpoint) + " answered HTTP 200 but " + e.what(),
                     true);
  }
}

}  // namespace

AccessToken ManagedIdentityCredential::get_token(const std::string& scope, const sdk::CallContext& call) {
  const auto& env = context_.env;
  std::string resource = scope_to_resource(scope);
  auto endpoint = env("IDENTITY_ENDPOINT");
  auto header = env("IDENTITY_HEADER");
  if (endpoint && header) {
    if (env("IDENTITY_SERVER_THUMBPRINT"))
      throw CredentialUnavailable(
          "Service Fabric managed identity (IDENTITY_SERVER_THUMBPRINT) is not supported");
    return from_identity_endpoint(*endpoint, *header, resource, call);
  }
  if (endpoint)
    throw CredentialUnavailable(
        "IDENTITY_ENDPOINT is set without IDENTITY_HEADER (Azure Arc managed identity is not supported)");
  return from_imds(resource, call);
}

AccessToken ManagedIdentityCredential::from_identity_endpoint(const std::string& endpoint,
                                                              const std::string& secret_header,
                                                              const std::string& resource,
                                                              const sdk::CallContext& call) {
  if (!split_url(endpoint)) throw CredentialUnavailable("IDENTITY_ENDPOINT is not an http(s) URL");
  sdk::HttpRequest request;
  request.url =
      token_url(endpoint, kIdentityEndpointApiVersion, resource, context_.options.managed_identity_client_id);
  request.headers = {{"X-IDENTITY-HEADER", secret_header}, {"Accept", "application/json"}};
  request.ca_file = context_.options.ca_file;
  request.flags = TINKR_HTTP_ALLOW_PLAIN_HTTP;  // App Service and Container Apps serve it on http://localhost
  sdk::HttpResponse response;
  try {
    response = context_.host->http(request, call);
  } catch (const sdk::Error& e) {
    throw sdk::Error(e.status(), "identity endpoint request failed: " + std::string(e.what()), e.retryable());
  }
  if (response.status != 200) throw answer_error("the identity endpoint", response);
  return parse_or_throw("the identity endpoint", response, context_.host->now_ns());
}

AccessToken ManagedIdentityCredential::from_imds(const std::string& resource, const sdk::CallContext& call) {
  const auto& options = context_.options;
  sdk::HttpRequest request;
  request.url = token_url(options.endpoints.imds + std::string(kImdsTokenPath), kImdsApiVersion, resource,
                          options.managed_identity_client_id);
  request.headers = {{"Metadata", "true"}, {"Accept", "application/json"}};
  request.ca_file = options.ca_file;
  request.flags = TINKR_HTTP_ALLOW_PLAIN_HTTP;  // IMDS is plain http on a link-local address
  bool probing = !imds_answered_.load();
  if (probing) {
    request.flags |= TINKR_HTTP_NO_RETRY;
    request.timeout_ms = options.managed_identity_probe_timeout_ms;
    request.connect_timeout_ms = options.managed_identity_probe_timeout_ms;
  }
  sdk::HttpResponse response;
  try {
    response = context_.host->http(request, call);
  } catch (const sdk::Error& e) {
    if (call.cancelled() || e.status() == TINKR_CANCELLED) throw;
    if (probing)
      throw CredentialUnavailable("no managed identity endpoint answered (IMDS at " + options.endpoints.imds +
                                  ", " + std::to_string(options.managed_identity_probe_timeout_ms) +
                                  " ms probe): " + e.what());
    throw sdk::Error(e.status(), "IMDS request failed: " + std::string(e.what()), e.retryable());
  }
  imds_answered_.store(true);
  // A throttled or failing probe still proved that IMDS is there: ask again the ordinary way, with the
  // client's retries (backoff, Retry-After) and the full timeout, as for Entra and the identity endpoint.
  if (probing && is_transient_imds_status(response.status)) return from_imds(resource, call);
  if (response.status == 400) {
    auto detail = describe_token_error(response.body);
    throw CredentialUnavailable("IMDS answered HTTP 400" + (detail ? ": " + *detail : std::string()) +
                                " (no managed identity assigned, or not the one requested)");
  }
  if (response.status != 200) throw answer_error("IMDS", response);
  return parse_or_throw("IMDS", response, context_.host->now_ns());
}

}  // namespace tinkr::azure
