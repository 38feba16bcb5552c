// Fuzz target: Azure error answers (the OneAPI {"error": {...}} of Log Analytics and ARM, the flat
// {code, message} of the Metrics API) with the status and retry headers they come with. The first
// two bytes give the HTTP status, the third the retry header's form; the rest is the body.
#include "decode/azure_error.hpp"

#include <tinkr/sdk/error.hpp>
#include <tinkr/sdk/host.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  if (size < 3) return 0;
  using namespace tinkr;
  const std::string_view body(reinterpret_cast<const char*>(data) + 3, size - 3);
  (void)azure::decode::parse_azure_error(body);

  sdk::HttpResponse response;
  response.status = 100 + (data[0] << 8 | data[1]) % 500;
  response.body = std::string(body);
  // The same bytes as a retry header too: Retry-After and x-ms-retry-after-ms are outside input.
  const std::string retry(body.substr(0, 32));
  if (data[2] % 3 == 1) response.headers.push_back({"Retry-After", retry});
  if (data[2] % 3 == 2) response.headers.push_back({"x-ms-retry-after-ms", retry});
  const sdk::Error error = azure::decode::azure_error(response, "log analytics");
  if (error.status() == TINKR_OK || error.retry_after_ms() < 0) std::abort();  // a failure must say so
  return 0;
}
