// The bearer-token allow-list and the HTTP client that sends the request must read a URL the same
// way: on URLs where a hand-written splitter and an RFC 3986 parser disagree (user info, backslashes,
// percent-encoded or upper-case hosts, a trailing dot, odd ports), the token either stays home or goes
// to the very host the core's client connects to - never to another one.
#include "backend/authorizing_transport.hpp"
#include "credential_test_support.hpp"
#include "http/url.hpp"  // the core's request URL parser: where a request really goes

#include <tinkr/sdk/error.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

namespace tinkr::azure {
namespace {

using namespace testing;

struct AllowListFixture {
  FakeHost fake;
  AzureOptions options = test_options();
  int tokens_fetched = 0;
  TokenCache tokens{[this](const std::string&, const sdk::CallContext&) {
                      ++tokens_fetched;
                      return AccessToken{kTokenText, fake.now_ns.load() + 3600 * kNanosPerSecond};
                    },
                    [this] { return fake.now_ns.load(); }};
  AuthorizingTransport transport{fake.host(), options, tokens};

  AllowListFixture() {
    options.endpoints.arm = "https://management.azure.com";
    fake.handler = [](const sdk::HttpRequest&) { return json_response(200, "{}"); };
  }

  /// True when the transport handed the request (with its token) to the host; false when it refused
  /// with TINKR_FORBIDDEN before fetching a token.
  bool sent(const std::string& url) {
    RequestPlan plan;
    plan.method = "GET";
    plan.url = url;
    plan.audience = Audience::arm;
    const auto before = fake.requests().size();
    try {
      transport.send(plan, fake.call());
    } catch (const sdk::Error& e) {
      EXPECT_EQ(e.status(), TINKR_FORBIDDEN) << url << ": " << e.what();
      EXPECT_EQ(fake.requests().size(), before) << url;
      return false;
    }
    EXPECT_EQ(fake.requests().size(), before + 1) << url;
    return true;
  }
};

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

/// Where the core's HTTP client would connect for this URL ("" when it would refuse the URL).
std::string destination(const std::string& url) {
  auto parsed = http::parse_url(url);
  if (!parsed) return "";
  return parsed->scheme + "://" + lowercase(parsed->hostname) + ":" + parsed->port;
}

TEST(TokenAllowList, AgreesWithTheClientOnWhereTheRequestGoes) {
  const std::vector<std::string> tricky = {
      "https://management.azure.com@evil.example/subscriptions",      // user info before the real host
      "https://management.azure.com:443@evil.example/subscriptions",  // user info with a "port"
      "https://evil.example\\@management.azure.com/subscriptions",    // backslash (WHATWG reads it as /)
      "https://management.azure.com\\@evil.example/subscriptions",    // backslash then user info
      "https://management.azure.com\\.evil.example/subscriptions",    // backslash inside the host
      "https://evil.example%2F@management.azure.com/subscriptions",   // encoded slash in user info
      "https://evil.example%40management.azure.com/subscriptions",    // encoded @ in the host
      "https://management.azure.com%2F.evil.example/subscriptions",   // encoded slash in the host
      "https://management.azure.com%00.evil.example/subscriptions",   // encoded NUL in the host
      "https://management%2Eazure%2Ecom/subscriptions",               // encoded dots: the same host
      "https://MANAGEMENT.Azure.COM/subscriptions",                   // upper case: the same host
      "HTTPS://management.azure.com/subscriptions",                   // upper-case scheme
      "https://management.azure.com./subscriptions",                  // trailing dot
      "https://management.azure.com:443/subscriptions",               // explicit default port
      "https://management.azure.com:0443/subscriptions",              // leading zero in the port
      "https://management.azure.com:443:443/subscriptions",           // two ports
      "https://management.azure.com:8443/subscriptions",              // another port
      "https://management.azure.com#@evil.example/subscriptions",     // fragment that looks like user info
      "https://management.azure.com?@evil.example/subscriptions",     // query that looks like user info
      "https:management.azure.com/subscriptions",                     // no authority
      "https:///management.azure.com/subscriptions",                  // empty authority
      "http://management.azure.com/subscriptions",                    // downgraded scheme
      "https://[::1]/subscriptions",                                  // IPv6 literal
  };
  AllowListFixture f;
  for (const auto& url : tricky) {
    if (!f.sent(url)) continue;
    EXPECT_EQ(destination(url), "https://management.azure.com:443")
        << url << ": the token went where the client connects, and that is not the ARM endpoint";
  }
  // The refusals above happened before any token was fetched; only the sends fetched (one, cached).
  EXPECT_LE(f.tokens_fetched, 1);
}

TEST(TokenAllowList, SendsToTheEndpointHowEverItsHostIsSpelled) {
  AllowListFixture f;
  EXPECT_TRUE(f.sent("https://management.azure.com/subscriptions"));
  EXPECT_TRUE(f.sent("https://MANAGEMENT.Azure.COM/subscriptions")) << "host names are case-insensitive";
  EXPECT_TRUE(f.sent("https://management%2Eazure%2Ecom/subscriptions"))
      << "the client connects to the decoded host, management.azure.com";
  EXPECT_TRUE(f.sent("https://management.azure.com:0443/subscriptions"))
      << "port 443, as the client reads it";
}

TEST(TokenAllowList, NeverSendsToAnotherHost) {
  AllowListFixture f;
  EXPECT_FALSE(f.sent("https://management.azure.com@evil.example/subscriptions"));
  EXPECT_FALSE(f.sent("https://evil.example\\@management.azure.com/subscriptions"));
  EXPECT_FALSE(f.sent("https://evil.example%40management.azure.com/subscriptions"));
  EXPECT_FALSE(f.sent("https://management.azure.com%2F.evil.example/subscriptions"));
  EXPECT_FALSE(f.sent("https://management.azure.com./subscriptions"))
      << "a trailing dot is another name to the allow-list: refused rather than guessed";
  EXPECT_FALSE(f.sent("https://management.azure.com:8443/subscriptions"));
  EXPECT_EQ(f.tokens_fetched, 0);
  EXPECT_TRUE(f.fake.requests().empty());
}

}  // namespace
}  // namespace tinkr::azure
