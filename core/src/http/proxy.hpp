// Which requests go through a corporate proxy: HTTPS_PROXY (or https_proxy) names an HTTP proxy that
// opens a CONNECT tunnel; NO_PROXY (or no_proxy) lists the hosts reached directly.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "tinkr/error.hpp"

namespace tinkr::http {

struct ProxySettings {
  std::string https_proxy;  // e.g. "http://proxy.corp:3128"; empty = none
  std::string no_proxy;     // e.g. "localhost,.internal.corp,10.0.0.1:8443"; "*" = every host

  /// From HTTPS_PROXY / https_proxy and NO_PROXY / no_proxy (upper case wins when both are set).
  static ProxySettings from_environment();
};

struct ProxyEndpoint {
  std::string hostname;
  std::string port;           // numeric
  std::string authorization;  // "Basic ..." when the proxy URL carries user:password; else empty
};

/// True when no_proxy names host (exactly, as a domain suffix such as ".corp" or "corp", or "*"),
/// optionally with a matching ":port".
bool is_proxy_bypassed(std::string_view no_proxy, std::string_view host, std::string_view port);

/// The proxy to tunnel through for an https request to host:port, or nullopt for a direct
/// connection. Fails with config when https_proxy is not an http://host[:port] URL.
Expected<std::optional<ProxyEndpoint>> proxy_for(const ProxySettings& settings, std::string_view host,
                                                 std::string_view port);

}  // namespace tinkr::http
