// Azure error answers -> sdk::Error. Handles the OneAPI shape {"error": {code, message, innererror:
// {..., innererror: {...}}, details: [...]}} of Log Analytics and ARM, and the flat {code, message} of
// the Metrics API; the message is the innermost useful one (a KQL semantic error names the column).
#pragma once

#include <tinkr/sdk/error.hpp>
#include <tinkr/sdk/host.hpp>

#include <string>
#include <string_view>

namespace tinkr::azure::decode {

/// The code and innermost message of an Azure error body; both empty when body is not one.
struct AzureErrorInfo {
  std::string top_code;  // the outermost code, e.g. InsufficientAccessError
  std::string code;      // the innermost code, e.g. SEM0100
  std::string message;   // the innermost message
};
AzureErrorInfo parse_azure_error(std::string_view body);

/// The error for a non-2xx response from the upstream `api` ("log analytics", "azure monitor metrics",
/// "azure resource manager"): 400 invalid_query, 401 unauthenticated, 403 forbidden, 404
/// not_found, 408/504 timeout, 429 throttled (retry-after from Retry-After or x-ms-retry-after-ms),
/// other 5xx upstream_unavailable (retryable). A 403 that says a role is missing also names the role
/// (Log Analytics Reader for "log analytics", else Monitoring Reader), the scope and the `az role
/// assignment create` line (missing_role.hpp), from the headers the authorizing transport added.
sdk::Error azure_error(const sdk::HttpResponse& response, std::string_view api);

/// True for 2xx.
inline bool is_success(int status) {
  return status >= 200 && status < 300;
}

}  // namespace tinkr::azure::decode
