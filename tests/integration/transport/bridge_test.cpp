// The C ABI face of the transport: statuses, host-allocated responses and errors.
#include "fixture.hpp"
#include "http/host_bridge.hpp"

namespace tinkr::http::testing {
namespace {

tinkr_str view(const std::string& s) {
  return {s.data(), s.size()};
}

class BridgeTest : public TransportTest {
 protected:
  int32_t call(const std::string& url, uint32_t flags = 0) {
    std::string method = "GET";
    std::string ca = server_.ca_file();
    tinkr_http_request request{};
    request.struct_size = sizeof request;
    request.method = view(method);
    request.url = view(url);
    request.ca_file = view(ca);
    request.timeout_ms = 10'000;
    request.flags = flags;
    return host_http_request(&request, nullptr, &response_, &error_);
  }
  void TearDown() override {
    free_http_response(response_);
    free_error(error_);
  }
  tinkr_http_response* response_ = nullptr;
  tinkr_error* error_ = nullptr;
};

std::string text(tinkr_str s) {
  return std::string(s.ptr, s.len);
}

TEST_F(BridgeTest, NotFoundIsOkWithTheStatus) {
  ASSERT_EQ(call(server_.https_url() + "/missing"), TINKR_OK);
  ASSERT_NE(response_, nullptr);
  EXPECT_EQ(error_, nullptr);
  EXPECT_EQ(response_->status, 404);
  EXPECT_NE(text(response_->body).find("PathNotFoundError"), std::string::npos);
  bool has_type = false;
  for (uint64_t i = 0; i < response_->header_count; ++i)
    has_type = has_type || text(response_->headers[i].name) == "Content-Type";
  EXPECT_TRUE(has_type);
}

TEST_F(BridgeTest, PlainHttpWithoutTheFlagIsAConfigError) {
  ASSERT_EQ(call(server_.http_url() + "/ping"), TINKR_CONFIG);
  EXPECT_EQ(response_, nullptr);
  ASSERT_NE(error_, nullptr);
  EXPECT_EQ(error_->status, TINKR_CONFIG);
  EXPECT_EQ(text(error_->message).rfind("plain http:// to", 0), 0u);
}

TEST_F(BridgeTest, PlainHttpWithTheFlagIsSent) {
  ASSERT_EQ(call(server_.http_url() + "/ping", TINKR_HTTP_ALLOW_PLAIN_HTTP), TINKR_OK);
  EXPECT_EQ(response_->status, 200);
}

TEST_F(BridgeTest, TlsFailureIsUpstreamUnavailable) {
  server_.set_tls_mode(fake_azure::TlsMode::untrusted_ca);
  ASSERT_EQ(call(server_.https_url() + "/ping"), TINKR_UPSTREAM_UNAVAILABLE);
  ASSERT_NE(error_, nullptr);
  EXPECT_NE(text(error_->message).find(authority()), std::string::npos);
}

TEST_F(BridgeTest, ThrottledPastDeadlineCarriesRetryAfter) {
  server_.push_response(Route::any, FakeResponse::throttled("3600"));
  ASSERT_EQ(call(server_.https_url() + "/ping"), TINKR_THROTTLED);
  ASSERT_NE(error_, nullptr);
  EXPECT_EQ(error_->retry_after_ms, 3'600'000);
  EXPECT_NE(error_->retryable, 0);
}

TEST_F(BridgeTest, TooSmallRequestStructIsRefused) {
  tinkr_http_request request{};
  request.struct_size = 8;
  EXPECT_EQ(host_http_request(&request, nullptr, &response_, &error_), TINKR_PLUGIN_ABI);
  ASSERT_NE(error_, nullptr);
}

}  // namespace
}  // namespace tinkr::http::testing
