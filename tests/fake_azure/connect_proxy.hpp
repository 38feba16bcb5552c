// A tiny HTTP CONNECT proxy on 127.0.0.1 for the proxy-tunnel tests: it opens tunnels to 127.0.0.1
// only (a routed host name included) and counts them.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace tinkr::fake_azure {

class ConnectProxy {
 public:
  ConnectProxy();  // listening on an ephemeral port once constructed
  ~ConnectProxy();
  ConnectProxy(const ConnectProxy&) = delete;
  ConnectProxy& operator=(const ConnectProxy&) = delete;

  std::string url() const;  // "http://127.0.0.1:<port>", for HTTPS_PROXY
  uint16_t port() const;
  /// CONNECT requests answered with 200.
  uint64_t tunnels() const;
  /// The targets ("host:port") of every CONNECT request, in order.
  std::vector<std::string> targets() const;
  /// The Proxy-Authorization header of every CONNECT request, in order (empty when absent).
  std::vector<std::string> authorizations() const;
  /// Tunnels CONNECT requests for host_and_port ("kv-tinkr.vault.azure.net:443") to 127.0.0.1:local_port,
  /// so that a client can use a real Azure host name while only the fake answers.
  void route(const std::string& host_and_port, uint16_t local_port);
  /// When set, every CONNECT is answered 403.
  void refuse_tunnels(bool refuse);

  struct Impl;

 private:
  std::shared_ptr<Impl> impl_;
};

}  // namespace tinkr::fake_azure
