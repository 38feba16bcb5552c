// The few URL operations the Azure plugin needs: splitting an absolute URL to compare origins (the
// bearer-token allow-list), and percent-encoding values for query strings and form bodies.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tinkr::azure {

/// An absolute http(s) URL split for comparison. Scheme and host are lowercased; an IPv6 host is kept
/// without its brackets; port is the explicit one or the scheme's default ("443", "80").
struct UrlParts {
  std::string scheme;
  std::string host;
  std::string port;
  std::string path_and_query;  // "/" when the URL has no path

  /// "scheme://host:port", the unit the allow-list compares.
  std::string origin() const;
};

/// nullopt unless url is http:// or https:// with a non-empty host, no user info and a numeric
/// port. Example: "https://API.loganalytics.io/v1/x?y" -> {https, api.loganalytics.io, 443, /v1/x?y}.
std::optional<UrlParts> split_url(std::string_view url);

/// True for 127.0.0.1 (any 127/8 address), localhost and ::1: the hosts allow_plain_http_loopback
/// may name.
bool is_loopback_host(std::string_view host);

/// RFC 3986 percent-encoding of everything but the unreserved characters (A-Z a-z 0-9 - . _ ~), for
/// one query-string value or form field. Example: "https://x/.default" -> "https%3A%2F%2Fx%2F.default".
std::string percent_encode(std::string_view value);

/// An application/x-www-form-urlencoded body (also usable as a query string) from name/value pairs,
/// in the given order.
std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields);

}  // namespace tinkr::azure
