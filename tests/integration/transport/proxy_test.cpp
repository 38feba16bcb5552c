// HTTPS_PROXY: requests tunnel through an HTTP CONNECT proxy, unless NO_PROXY names the host.
#include "connect_proxy.hpp"
#include "fixture.hpp"

namespace tinkr::http::testing {
namespace {

using fake_azure::ConnectProxy;

class ProxyTest : public TransportTest {
 protected:
  Client client_with(ProxySettings proxy) {
    auto o = options();
    o.proxy = std::move(proxy);
    return Client(o);
  }
  ConnectProxy proxy_;
};

TEST_F(ProxyTest, HttpsGoesThroughTheConnectTunnel) {
  Client client = client_with({proxy_.url(), ""});
  for (int i = 0; i < 3; ++i) {
    auto response = client.send(get("/ping"));
    ASSERT_TRUE(response) << response.error().message();
    EXPECT_EQ(response->status, 200);
  }
  EXPECT_EQ(proxy_.tunnels(), 1u) << "one tunnel, kept alive for every request";
  ASSERT_EQ(proxy_.targets().size(), 1u);
  EXPECT_EQ(proxy_.targets()[0], authority());
  EXPECT_EQ(server_.tls_handshakes(), 1u) << "TLS runs end to end inside the tunnel";
}

TEST_F(ProxyTest, ProxyCredentialsGoInProxyAuthorization) {
  Client client = client_with({"http://user:pa55@127.0.0.1:" + std::to_string(proxy_.port()), ""});
  ASSERT_TRUE(client.send(get("/ping")));
  ASSERT_EQ(proxy_.authorizations().size(), 1u);
  EXPECT_EQ(proxy_.authorizations()[0], "Basic dXNlcjpwYTU1");
  EXPECT_TRUE(server_.requests()[0].header("Proxy-Authorization").empty()) << "the target never sees them";
}

TEST_F(ProxyTest, NoProxyBypassesTheTunnel) {
  Client client = client_with({proxy_.url(), "localhost,127.0.0.1"});
  auto response = client.send(get("/ping"));
  ASSERT_TRUE(response) << response.error().message();
  EXPECT_EQ(proxy_.tunnels(), 0u);
  EXPECT_TRUE(proxy_.targets().empty());
}

TEST_F(ProxyTest, RefusedTunnelIsAClearError) {
  proxy_.refuse_tunnels(true);
  Client client = client_with({proxy_.url(), ""});
  auto response = client.send(get("/ping"));
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code(), Error::Code::upstream_unavailable);
  EXPECT_EQ(response.error().message(), "proxy 127.0.0.1:" + std::to_string(proxy_.port()) +
                                            " refused the tunnel to " + authority() + ": HTTP 403");
}

TEST_F(ProxyTest, PlainHttpNeverUsesTheProxy) {
  Client client = client_with({proxy_.url(), ""});
  Request request;
  request.url = server_.http_url() + "/ping";
  request.allow_plain_http = true;  // IMDS: link-local, never through a proxy
  ASSERT_TRUE(client.send(request));
  EXPECT_TRUE(proxy_.targets().empty());
}

TEST_F(ProxyTest, MalformedProxyUrlIsAConfigError) {
  Client client = client_with({"socks5://127.0.0.1:1080", ""});
  auto response = client.send(get("/ping"));
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code(), Error::Code::config);
  EXPECT_NE(response.error().message().find("HTTPS_PROXY"), std::string::npos);
}

}  // namespace
}  // namespace tinkr::http::testing
