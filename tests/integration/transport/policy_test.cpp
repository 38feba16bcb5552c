// The transport's pure decisions: URL parts, NO_PROXY matching, Retry-After parsing and backoff.
#include <gtest/gtest.h>

#include "http/client.hpp"
#include "http/proxy.hpp"
#include "http/retry_policy.hpp"
#include "http/url.hpp"

namespace tinkr::http {
namespace {

using namespace std::chrono_literals;

TEST(UrlTest, PortIsAlwaysNumeric) {
  auto url = parse_url("https://api.loganalytics.io/v1/workspaces/x/query?a=b");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->port, "443") << "never the service name: a bare container has no /etc/services";
  EXPECT_EQ(url->target, "/v1/workspaces/x/query?a=b");
  EXPECT_FALSE(url->host_is_ip);
  auto plain = parse_url("http://169.254.169.254/metadata/identity/oauth2/token");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->port, "80");
  EXPECT_TRUE(plain->host_is_ip);
  auto v6 = parse_url("https://[::1]:8443");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->hostname, "::1");
  EXPECT_EQ(v6->target, "/");
  EXPECT_EQ(v6->authority(), "[::1]:8443");
}

TEST(UrlTest, RejectsWhatCannotBeSent) {
  EXPECT_FALSE(parse_url("/relative/path"));
  EXPECT_FALSE(parse_url("https://"));
  EXPECT_FALSE(parse_url("https://host:0/"));
  auto ftp = parse_url("ftp://host/file");
  ASSERT_FALSE(ftp);
  EXPECT_EQ(ftp.error().message(),
            "URL 'ftp://host/file' has scheme 'ftp'; only https (and http where allowed) is supported");
}

TEST(NoProxyTest, MatchesHostsDomainsPortsAndWildcard) {
  EXPECT_TRUE(is_proxy_bypassed("localhost,127.0.0.1", "127.0.0.1", "443"));
  EXPECT_TRUE(is_proxy_bypassed(".corp", "api.corp", "443"));
  EXPECT_TRUE(is_proxy_bypassed("corp", "api.corp", "443"));
  EXPECT_TRUE(is_proxy_bypassed("*.corp", "api.corp", "443"));
  EXPECT_FALSE(is_proxy_bypassed("corp", "acorp", "443")) << "a suffix matches at a dot only";
  EXPECT_TRUE(is_proxy_bypassed("API.Corp", "api.corp", "443")) << "host names are case-insensitive";
  EXPECT_TRUE(is_proxy_bypassed("host:8443", "host", "8443"));
  EXPECT_FALSE(is_proxy_bypassed("host:8443", "host", "443"));
  EXPECT_TRUE(is_proxy_bypassed("*", "anything", "443"));
  EXPECT_TRUE(is_proxy_bypassed(" a , b ", "b", "443"));
  EXPECT_FALSE(is_proxy_bypassed("", "host", "443"));
}

TEST(ProxyForTest, NoProxyWinsAndBadUrlsAreConfigErrors) {
  auto proxied = proxy_for({"http://proxy.corp:3128", "localhost"}, "api.loganalytics.io", "443");
  ASSERT_TRUE(proxied);
  ASSERT_TRUE(proxied->has_value());
  EXPECT_EQ((*proxied)->hostname, "proxy.corp");
  EXPECT_EQ((*proxied)->port, "3128");
  auto bare = proxy_for({"proxy.corp:3128", ""}, "x", "443");
  ASSERT_TRUE(bare && bare->has_value()) << "scheme-less proxy settings are common";
  auto direct = proxy_for({"http://proxy.corp:3128", "localhost"}, "localhost", "443");
  ASSERT_TRUE(direct);
  EXPECT_FALSE(direct->has_value());
  auto bad = proxy_for({"https://proxy.corp", ""}, "x", "443");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code(), Error::Code::config);
}

Response with_header(std::string name, std::string value) {
  Response r;
  r.status = 429;
  r.headers.push_back({std::move(name), std::move(value)});
  return r;
}

TEST(RetryPolicyTest, RetryableStatuses) {
  for (int status : {408, 429, 500, 502, 503, 504}) EXPECT_TRUE(is_retryable_status(status)) << status;
  for (int status : {200, 400, 401, 403, 404, 501, 505}) EXPECT_FALSE(is_retryable_status(status)) << status;
}

TEST(RetryPolicyTest, AdvisedDelayFromEachHeaderForm) {
  auto now = std::chrono::system_clock::from_time_t(784111777);  // Sun, 06 Nov 1994 08:49:37 GMT
  EXPECT_EQ(advised_retry_delay(with_header("Retry-After", "7"), now), 7000ms);
  EXPECT_EQ(advised_retry_delay(with_header("x-ms-retry-after-ms", "250"), now), 250ms);
  EXPECT_EQ(advised_retry_delay(with_header("retry-after-ms", "40"), now), 40ms);
  EXPECT_EQ(advised_retry_delay(with_header("Retry-After", "Sun, 06 Nov 1994 08:49:47 GMT"), now), 10000ms);
  EXPECT_EQ(advised_retry_delay(with_header("Retry-After", "Sun, 06 Nov 1994 08:49:00 GMT"), now), 0ms);
  EXPECT_EQ(advised_retry_delay(with_header("Retry-After", "soon"), now), std::nullopt);
  EXPECT_EQ(advised_retry_delay(with_header("Retry-After", "-5"), now), std::nullopt);
  EXPECT_EQ(advised_retry_delay(Response{}, now), std::nullopt);
}

TEST(RetryPolicyTest, AdvisedDelayTooLongToCountSaturatesInsteadOfOverflowing) {
  auto now = std::chrono::system_clock::from_time_t(784111777);
  for (const char* seconds : {"9223372036854775807", "10000000000000000", "99999999999999999999999"})
    EXPECT_EQ(advised_retry_delay(with_header("Retry-After", seconds), now), kUnboundedRetryDelay) << seconds;
  EXPECT_EQ(advised_retry_delay(with_header("x-ms-retry-after-ms", "99999999999999999999999"), now),
            kUnboundedRetryDelay);
  auto far = advised_retry_delay(with_header("Retry-After", "Fri, 31 Dec 9999 23:59:59 GMT"), now);
  ASSERT_TRUE(far);
  EXPECT_GT(*far, std::chrono::hours(24 * 365 * 200)) << "a date past 2262 must not wrap the clock";
}

TEST(RetryPolicyTest, HttpDateParsing) {
  auto parsed = parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(std::chrono::system_clock::to_time_t(*parsed), 784111777);
  EXPECT_FALSE(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"));
  EXPECT_FALSE(parse_http_date("Sun, 06 Foo 1994 08:49:37 GMT"));
}

TEST(RetryPolicyTest, BackoffDoublesWithinJitterAndCap) {
  EXPECT_EQ(backoff_delay(0, 400ms, 20s, 0.0), 200ms);
  EXPECT_EQ(backoff_delay(0, 400ms, 20s, 1.0), 400ms);
  EXPECT_EQ(backoff_delay(2, 400ms, 20s, 1.0), 1600ms);
  EXPECT_EQ(backoff_delay(20, 400ms, 20s, 1.0), 20s) << "capped";
}

}  // namespace
}  // namespace tinkr::http
