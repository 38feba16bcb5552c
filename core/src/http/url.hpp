// The parts of a request URL the client needs: scheme, hostname, numeric port and request target.
// ("host" in Tinkr means the program that loads plugins, as in plugin.h's tinkr_host; a machine's
// name in a URL is its hostname.)
#pragma once

#include <string>
#include <string_view>

#include "tinkr/error.hpp"

namespace tinkr::http {

struct Url {
  std::string scheme;    // "https" or "http", lower case
  std::string hostname;  // without brackets for IPv6 literals
  std::string port;      // always numeric: "443" when the URL names none (no /etc/services lookups)
  std::string target;    // path and query as sent: "/v1/query?x=1"; "/" when empty
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
