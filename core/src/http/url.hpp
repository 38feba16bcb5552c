// The parts of a request URL the client needs: scheme, host, numeric port and request target.
#pragma once

#include <string>
#include <string_view>

#include "tinkr/error.hpp"

namespace tinkr::http {

struct Url {
  std::string scheme;  // "https" or "http", lower case
  std::string host;    // without brackets for IPv6 literals
  std::string port;    // always numeric: "443" when the URL names none (no /etc/services lookups)
  std::string target;  // path and query as sent: "/v1/query?x=1"; "/" when empty
  bool host_is_ip = false;

  /// "host:port", for messages and pool keys.
  std::string authority() const;
};

/// Parses an absolute http(s) URL. Fails with invalid_query naming the problem; the message quotes
/// the URL without its query string (which may carry secrets).
Expected<Url> parse_url(std::string_view text);

/// text up to its '?', for messages.
std::string_view without_query(std::string_view text) noexcept;

}  // namespace tinkr::http
