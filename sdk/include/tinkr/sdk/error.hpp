// tinkr/sdk/error.hpp: the exception a plugin throws to report a failure with a status code. The
// trampolines of TINKR_EXPORT_BACKEND catch it at the ABI boundary and turn it into a tinkr_error,
// keeping its code; any other exception becomes TINKR_INTERNAL.
#pragma once

#include <tinkr/plugin.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace tinkr::sdk {

/// The lowercase name of a status, as the core's error codes spell it ("invalid_query", ...).
inline std::string_view status_name(int32_t status) noexcept {
  switch (status) {
    case TINKR_OK:
      return "ok";
    case TINKR_INVALID_QUERY:
      return "invalid_query";
    case TINKR_UNSUPPORTED:
      return "unsupported";
    case TINKR_NOT_FOUND:
      return "not_found";
    case TINKR_UNAUTHENTICATED:
      return "unauthenticated";
    case TINKR_FORBIDDEN:
      return "forbidden";
    case TINKR_THROTTLED:
      return "throttled";
    case TINKR_UPSTREAM_UNAVAILABLE:
      return "upstream_unavailable";
    case TINKR_TIMEOUT:
      return "timeout";
    case TINKR_CANCELLED:
      return "cancelled";
    case TINKR_PLUGIN_ABI:
      return "plugin_abi";
    case TINKR_INVALID_DATA:
      return "invalid_data";
    case TINKR_CONFIG:
      return "config";
    case TINKR_INTERNAL:
      return "internal";
    default:
      return "unknown";
  }
}

/// A failure with a status. The message is for a person: lowercase start, no final period, and never
/// a token or a secret.
class Error : public std::runtime_error {
 public:
  Error(tinkr_status status, std::string message, bool retryable = false, int64_t retry_after_ms = 0)
      : std::runtime_error(message),
        message_(std::move(message)),
        status_(status),
        retryable_(retryable),
        retry_after_ms_(retry_after_ms) {}

  /// The whole message; what() ends at a NUL byte (a user's value may hold one), this does not.
  const std::string& message() const noexcept { return message_; }
  tinkr_status status() const noexcept { return status_; }
  bool retryable() const noexcept { return retryable_; }
  int64_t retry_after_ms() const noexcept { return retry_after_ms_; }

 private:
  std::string message_;
  tinkr_status status_;
  bool retryable_;
  int64_t retry_after_ms_;
};

}  // namespace tinkr::sdk
