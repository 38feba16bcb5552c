// Keep-alive reuse and TLS verification: the pool saves handshakes, and a server that cannot prove
// who it is gets no request.
#include "fixture.hpp"

namespace tinkr::http::testing {
namespace {

// Ten requests in a row ride on one TLS connection: the fake counts one handshake.
TEST_F(TransportTest, KeepAliveReusesOneConnection) {
  for (int i = 0; i < 10; ++i) {
    auto response = client_->send(get("/ping"));
    ASSERT_TRUE(response) << response.error().message();
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->body, "{\"ok\":true}");
  }
  EXPECT_EQ(server_.tls_handshakes(), 1u) << "every request after the first must reuse the pooled connection";
  EXPECT_EQ(client_->stats().connections_opened, 1u);
  EXPECT_EQ(client_->stats().connections_reused, 9u);
  auto recorded = server_.requests();
  ASSERT_EQ(recorded.size(), 10u);
  EXPECT_EQ(recorded.front().connection_id, recorded.back().connection_id);
}

// A pooled connection the server has closed is replaced without the caller noticing.
TEST_F(TransportTest, ClosedPooledConnectionIsReplacedTransparently) {
  ASSERT_TRUE(client_->send(get("/ping")));
  // The next answer closes the connection after it is sent (Connection: close keeps it out of the pool).
  auto closing = FakeResponse::json(200, "{}");
  closing.headers.emplace_back("Connection", "close");
  server_.push_response(Route::any, closing);
  ASSERT_TRUE(client_->send(get("/ping")));
  auto third = client_->send(get("/ping"));
  ASSERT_TRUE(third) << third.error().message();
  EXPECT_EQ(server_.tls_handshakes(), 2u);
}

TEST_F(TransportTest, UntrustedCertificateAuthorityFailsWithClearMessage) {
  server_.set_tls_mode(fake_azure::TlsMode::untrusted_ca);
  auto response = client_->send(get("/ping"));
  ASSERT_FALSE(response) << "a certificate from an unknown CA must not be accepted";
  EXPECT_EQ(response.error().code(), Error::Code::upstream_unavailable);
  EXPECT_EQ(response.error().message().rfind(
                "TLS handshake with " + authority() + " failed: certificate verify failed", 0),
            0u)
      << response.error().message();
  EXPECT_TRUE(server_.requests().empty()) << "no request may be sent over an unverified connection";
}

TEST_F(TransportTest, SystemStoreDoesNotTrustTheFakeCertificateAuthority) {
  auto request = get("/ping");
  request.ca_file.clear();
  auto response = client_->send(request);
  ASSERT_FALSE(response);
  EXPECT_NE(response.error().message().find("certificate verify failed"), std::string::npos)
      << response.error().message();
}

TEST_F(TransportTest, HostNameMismatchFailsWithClearMessage) {
  server_.set_tls_mode(fake_azure::TlsMode::wrong_host_name);
  auto response = client_->send(get("/ping"));
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code(), Error::Code::upstream_unavailable);
  EXPECT_EQ(response.error().message(), "TLS handshake with " + authority() +
                                            " failed: the server's certificate is not valid for '127.0.0.1'");
}

TEST_F(TransportTest, MissingCaFileIsAConfigError) {
  auto request = get("/ping");
  request.ca_file = "/nonexistent/ca.pem";
  auto response = client_->send(request);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code(), Error::Code::config);
  EXPECT_NE(response.error().message().find("ca_file '/nonexistent/ca.pem'"), std::string::npos)
      << response.error().message();
}

TEST_F(TransportTest, RefusedConnectionNamesHostAndStep) {
  uint16_t port = server_.https_port();
  auto request = get("/ping");
  {
    // A port nothing listens on: a second fake's port after it stopped.
    FakeAzure other;
    port = other.https_port();
  }
  request.url = "https://127.0.0.1:" + std::to_string(port) + "/ping";
  auto response = client_->send(request);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code(), Error::Code::upstream_unavailable);
  EXPECT_EQ(response.error().message().rfind("connect to 127.0.0.1:" + std::to_string(port) + " failed: ", 0),
            0u)
      << response.error().message();
}

}  // namespace
}  // namespace tinkr::http::testing
