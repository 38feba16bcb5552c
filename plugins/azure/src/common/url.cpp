// URL splitting and percent-encoding for the Azure plugin, on Boost.URL: the same parser the host's
// HTTP client uses to decide where a request goes, so the bearer-token allow-list and the request
// always agree on the host (a hand-written splitter can be fooled by user info, encodings and such).
#include "common/url.hpp"

#include <boost/url/encode.hpp>
#include <boost/url/ipv4_address.hpp>
#include <boost/url/ipv6_address.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <boost/url/url_view.hpp>

#include <tinkr/sdk/text.hpp>

namespace tinkr::azure {

using sdk::ascii_lowercase;

std::string UrlParts::origin() const {
  bool ipv6 = host.find(':') != std::string::npos;
  return scheme + "://" + (ipv6 ? "[" + host + "]" : host) + ":" + port;
}

std::optional<UrlParts> split_url(std::string_view url) {
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed) return std::nullopt;
  const boost::urls::url_view& view = *parsed;
  UrlParts parts;
  parts.scheme = ascii_lowercase(view.scheme());
  if (parts.scheme != "https" && parts.scheme != "http") return std::nullopt;
  // User info is refused outright: no Azure endpoint takes it, and it is the classic way to make a
  // URL look like it names one host while it names another.
  if (!view.has_authority() || view.has_userinfo()) return std::nullopt;
  // host_address() is the host the HTTP client connects to: percent-decoded, IPv6 without brackets.
  parts.host = ascii_lowercase(view.host_address());
  if (parts.host.empty()) return std::nullopt;
  if (view.has_port()) {
    if (view.port().empty() || view.port_number() == 0) return std::nullopt;
    parts.port = std::to_string(view.port_number());
  } else {
    parts.port = parts.scheme == "https" ? "443" : "80";
  }
  parts.path_and_query = view.encoded_path().empty() ? "/" : std::string(view.encoded_path());
  if (view.has_query()) parts.path_and_query += "?" + std::string(view.encoded_query());
  if (view.has_fragment()) parts.path_and_query += "#" + std::string(view.encoded_fragment());
  return parts;
}

bool is_loopback_host(std::string_view host) {
  if (ascii_lowercase(host) == "localhost") return true;
  if (auto v4 = boost::urls::parse_ipv4_address(host)) return v4->is_loopback();
  if (auto v6 = boost::urls::parse_ipv6_address(host)) return v6->is_loopback();
  return false;
}

std::string percent_encode(std::string_view value) {
  return boost::urls::encode(value, boost::urls::unreserved_chars);
}

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [name, value] : fields) {
    if (!out.empty()) out.push_back('&');
    out += percent_encode(name);
    out.push_back('=');
    out += percent_encode(value);
  }
  return out;
}

}  // namespace tinkr::azure
