// HTTPS_PROXY / NO_PROXY, with the conventions curl and the Azure SDKs share.
#include "http/proxy.hpp"
#include <tinkr/text.hpp>

#include <boost/beast/core/detail/base64.hpp>

#include <cstdlib>

#include "http/url.hpp"

namespace tinkr::http {
namespace {

std::string first_env(const char* upper, const char* lower) {
  if (const char* value = std::getenv(upper); value && *value) return value;
  if (const char* value = std::getenv(lower); value && *value) return value;
  return {};
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool entry_matches(std::string_view entry, std::string_view host, std::string_view port) {
  if (entry == "*") return true;
  // "host:port" restricts the entry to one port; IPv6 literals carry colons of their own.
  if (auto colon = entry.rfind(':'); colon != std::string_view::npos && entry.find(':') == colon) {
    if (entry.substr(colon + 1) != port) return false;
    entry = entry.substr(0, colon);
  }
  if (!entry.empty() && entry.front() == '[' && entry.back() == ']')
    entry = entry.substr(1, entry.size() - 2);
  if (entry.starts_with("*.")) entry.remove_prefix(1);
  if (entry.starts_with(".")) entry.remove_prefix(1);
  if (entry.empty()) return false;
  if (equals_ignoring_case(entry, host)) return true;
  // "corp" and ".corp" both cover "a.corp", never "acorp".
  return host.size() > entry.size() && host[host.size() - entry.size() - 1] == '.' &&
         equals_ignoring_case(host.substr(host.size() - entry.size()), entry);
}

}  // namespace

ProxySettings ProxySettings::from_environment() {
  return ProxySettings{first_env("HTTPS_PROXY", "https_proxy"), first_env("NO_PROXY", "no_proxy")};
}

bool is_proxy_bypassed(std::string_view no_proxy, std::string_view host, std::string_view port) {
  while (!no_proxy.empty()) {
    auto comma = no_proxy.find_first_of(", ");
    std::string_view entry = trim(no_proxy.substr(0, comma));
    no_proxy = comma == std::string_view::npos ? std::string_view() : no_proxy.substr(comma + 1);
    if (!entry.empty() && entry_matches(entry, host, port)) return true;
  }
  return false;
}

Expected<std::optional<ProxyEndpoint>> proxy_for(const ProxySettings& settings, std::string_view host,
                                                 std::string_view port) {
  if (settings.https_proxy.empty() || is_proxy_bypassed(settings.no_proxy, host, port))
    return std::optional<ProxyEndpoint>();
  std::string text = settings.https_proxy;
  if (text.find("://") == std::string::npos) text = "http://" + text;  // "proxy:3128" is common
  auto url = parse_url(text);
  if (!url || url->scheme != "http")
    return fail(Error::Code::config,
                "HTTPS_PROXY must be an http://host:port URL of a proxy that tunnels with CONNECT");
  ProxyEndpoint proxy{url->hostname, url->port, {}};
  // user:password@ becomes Proxy-Authorization: Basic; the credentials never reach a message.
  auto start = text.find("://") + 3;
  if (auto at = text.find('@', start); at != std::string::npos && at < text.find('/', start)) {
    std::string userinfo = text.substr(start, at - start);
    std::string encoded(boost::beast::detail::base64::encoded_size(userinfo.size()), '\0');
    encoded.resize(boost::beast::detail::base64::encode(encoded.data(), userinfo.data(), userinfo.size()));
    proxy.authorization = "Basic " + encoded;
  }
  return std::optional<ProxyEndpoint>(std::move(proxy));
}

}  // namespace tinkr::http
