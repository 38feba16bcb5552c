// Absolute URL parsing on Boost.URL, reduced to what a request needs.
#include "http/url.hpp"
#include <tinkr/text.hpp>

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include <algorithm>
#include <cctype>

namespace tinkr::http {

std::string Url::authority() const {
  return hostname.find(':') != std::string::npos ? "[" + hostname + "]:" + port : hostname + ":" + port;
}

std::string_view without_query(std::string_view text) noexcept {
  return text.substr(0, text.find('?'));
}

Expected<Url> parse_url(std::string_view text) {
  auto quoted = [&] { return "'" + std::string(without_query(text)) + "'"; };
  auto parsed = boost::urls::parse_absolute_uri(text);
  if (!parsed) return fail(Error::Code::invalid_query, "URL " + quoted() + " is not an absolute URL");
  const boost::urls::url_view& view = *parsed;
  Url url;
  url.scheme = ascii_lowercase(view.scheme());
  if (url.scheme != "https" && url.scheme != "http")
    return fail(Error::Code::invalid_query, "URL " + quoted() + " has scheme '" + url.scheme +
                                                "'; only https (and http where allowed) is supported");
  if (!view.has_authority() || view.encoded_host().empty())
    return fail(Error::Code::invalid_query, "URL " + quoted() + " names no host");
  url.host_is_ip =
      view.host_type() == boost::urls::host_type::ipv4 || view.host_type() == boost::urls::host_type::ipv6;
  url.hostname = std::string(view.host_address());  // IPv6 literals come without their brackets
  if (view.has_port()) {
    if (view.port().empty() || view.port_number() == 0)
      return fail(Error::Code::invalid_query, "URL " + quoted() + " has an invalid port");
    url.port = std::to_string(view.port_number());
  } else {
    url.port = url.scheme == "https" ? "443" : "80";
  }
  url.target = std::string(view.encoded_path());
  if (url.target.empty()) url.target = "/";
  if (view.has_query()) url.target += "?" + std::string(view.encoded_query());
  return url;
}

}  // namespace tinkr::http
