// Fuzz target: the token answers of every Azure credential (Entra ID, managed identity, the App
// Service identity endpoint, `az account get-access-token`) and their error bodies.
#include "auth/token_response.hpp"

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace tinkr::azure;
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  constexpr int64_t kReceivedAt = 1'780'000'000'000'000'000;
  try {
    (void)parse_token_response(body, kReceivedAt);
  } catch (const std::runtime_error&) {
  }
  try {
    (void)parse_azure_cli_token(body);
  } catch (const std::runtime_error&) {
  }
  (void)describe_token_error(body);
  (void)parse_local_timestamp(body);
  return 0;
}
