// The transport attaches a bearer token only for the configured endpoint of the plan's audience,
// checked before any token is fetched.
#include "backend/authorizing_transport.hpp"
#include "credential_test_support.hpp"

#include <tinkr/sdk/error.hpp>

#include <gtest/gtest.h>

namespace tinkr::azure {
namespace {

using namespace testing;

struct TransportFixture {
  FakeHost fake;
  AzureOptions options = test_options();
  std::vector<std::string> scopes;
  TokenCache tokens{[this](const std::string& scope, const sdk::CallContext&) {
                      scopes.push_back(scope);
                      return AccessToken{std::string(kTokenText) + "-" + std::to_string(scopes.size()),
                                         fake.now_ns.load() + 3600 * kNanosPerSecond};
                    },
                    [this] { return fake.now_ns.load(); }};
  AuthorizingTransport transport{fake.host(), options, tokens};

  TransportFixture() {
    options.endpoints.log_analytics = "https://127.0.0.1:8443";
    options.server_timeout_seconds = 100;
    options.client_timeout_margin_seconds = 20;
    fake.handler = [](const sdk::HttpRequest&) { return json_response(200, "{}"); };
  }

  sdk::Error refused(const RequestPlan& plan) {
    try {
      transport.send(plan, fake.call());
    } catch (const sdk::Error& e) {
      return e;
    }
    ADD_FAILURE() << "sent to " << plan.url;
    return sdk::Error(TINKR_OK, "");
  }
};

RequestPlan plan(std::string url, Audience audience = Audience::log_analytics) {
  RequestPlan p;
  p.method = "POST";
  p.url = std::move(url);
  p.audience = audience;
  p.headers = {{"Content-Type", "application/json"}, {"authorization", "Bearer smuggled"}};
  p.body = R"({"query":"AppTraces"})";
  return p;
}

TEST(AuthorizingTransport, AddsTheAudiencesBearerTokenForItsConfiguredEndpoint) {
  TransportFixture f;
  auto response = f.transport.send(plan("https://127.0.0.1:8443/v1/workspaces/w/query"), f.fake.call());
  EXPECT_EQ(response.status, 200);
  auto requests = f.fake.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(header_of(requests[0], "Authorization"), "Bearer " + std::string(kTokenText) + "-1");
  EXPECT_EQ(header_of(requests[0], "authorization"), "") << "a plan's own Authorization header is dropped";
  EXPECT_EQ(header_of(requests[0], "Content-Type"), "application/json");
  EXPECT_EQ(requests[0].body, R"({"query":"AppTraces"})");
  EXPECT_EQ(requests[0].timeout_ms, 120'000) << "server timeout + client margin";
  EXPECT_EQ(requests[0].ca_file, "/tmp/ca.pem");
  EXPECT_EQ(f.scopes, std::vector<std::string>{"https://api.loganalytics.io/.default"});
  f.transport.send(plan("https://management.azure.com/subscriptions/s/resources", Audience::arm),
                   f.fake.call());
  EXPECT_EQ(f.scopes.back(), "https://management.azure.com/.default");
}

TEST(AuthorizingTransport, RefusesAnyOtherOriginBeforeFetchingAToken) {
  TransportFixture f;
  auto e = f.refused(plan("https://evil.example/v1/workspaces/w/query"));
  EXPECT_EQ(e.status(), TINKR_FORBIDDEN);
  EXPECT_STREQ(e.what(),
               "refusing to send an azure token to 'https://evil.example:443': not the configured Log "
               "Analytics endpoint https://127.0.0.1:8443");
  f.refused(plan("https://127.0.0.1:9999/v1/x"));                 // another port
  f.refused(plan("http://127.0.0.1:8443/v1/x"));                  // downgraded scheme
  f.refused(plan("https://127.0.0.1:8443@evil.example/v1/x"));    // user-info trick
  f.refused(plan("https://127.0.0.1:8443/v1/x", Audience::arm));  // token of another audience
  f.refused(plan("https://management.azure.com/x", Audience::log_analytics));
  EXPECT_TRUE(f.scopes.empty()) << "no token was even fetched";
  EXPECT_TRUE(f.fake.requests().empty());
}

TEST(AuthorizingTransport, AnHttp401MakesTheNextRequestFetchANewToken) {
  TransportFixture f;
  f.fake.handler = [](const sdk::HttpRequest&) { return json_response(401, "{}"); };
  EXPECT_EQ(f.transport.send(plan("https://127.0.0.1:8443/v1/q"), f.fake.call()).status, 401);
  f.fake.handler = [](const sdk::HttpRequest&) { return json_response(200, "{}"); };
  f.transport.send(plan("https://127.0.0.1:8443/v1/q"), f.fake.call());
  EXPECT_EQ(f.scopes.size(), 2u);
}

// ABI 1.4: the body is pulled from the host's stream on this thread; under an older host (no
// open_response) the SDK reads the answer whole and the plugin decodes the same bytes.
TEST(AuthorizingTransport, PullsTheBodyFromANewHostAndReadsItWholeFromAnOldOne) {
  const std::string body =
      R"({"tables":[{"name":"PrimaryResult","columns":[],"rows":[]}],"note":"caf\u00e9"})";
  for (bool old_host : {false, true}) {
    TransportFixture f;
    if (old_host) f.fake.without_pulled_bodies();
    f.fake.handler = [&](const sdk::HttpRequest&) { return json_response(200, body); };
    EXPECT_EQ(f.fake.host().pulls_bodies(), !old_host);
    auto answer = f.transport.open(plan("https://127.0.0.1:8443/v1/workspaces/w/query"), f.fake.call());
    EXPECT_EQ(answer->head().status, 200);
    EXPECT_TRUE(answer->head().body.empty()) << "a success's body is pulled, not in the head";
    std::string pulled;
    std::size_t pieces = 0;
    for (auto piece = answer->next_piece(); !piece.empty(); piece = answer->next_piece(), ++pieces)
      pulled.append(piece);
    EXPECT_EQ(pulled, body);
    // The fake host hands a pulled body over in 5-byte reads; an old host's answer comes in one piece.
    EXPECT_EQ(pieces, old_host ? 1u : (body.size() + 4) / 5);
  }
}

TEST(AuthorizingTransport, AnErrorAnswersBodyIsWholeInItsHeadAndNothingIsPulled) {
  TransportFixture f;
  f.fake.handler = [](const sdk::HttpRequest&) {
    return json_response(404, R"({"error":{"code":"NotFound"}})");
  };
  auto answer = f.transport.open(plan("https://127.0.0.1:8443/v1/workspaces/w/query"), f.fake.call());
  EXPECT_EQ(answer->head().status, 404);
  EXPECT_EQ(answer->head().body, R"({"error":{"code":"NotFound"}})");
  EXPECT_TRUE(answer->next_piece().empty());
}

}  // namespace
}  // namespace tinkr::azure
