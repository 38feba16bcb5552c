// The fake Azure itself, through the real client: what other areas' tests rely on it to do.
#include "fixture.hpp"

namespace tinkr::http::testing {
namespace {

class FakeAzureTest : public TransportTest {
 protected:
  Request post_form(std::string path, std::string form) {
    auto request = get(std::move(path));
    request.method = "POST";
    request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
    request.body = std::move(form);
    return request;
  }
  Request query(std::string kql, std::string token) {
    auto request = get("/v1/workspaces/63613592-b6f7-4c3d-a390-22ba13102111/query");
    request.method = "POST";
    request.headers = {{"Content-Type", "application/json"}};
    if (!token.empty()) request.headers.push_back({"Authorization", "Bearer " + token});
    request.body = "{\"query\":\"" + kql + "\"}";
    return request;
  }
};

TEST_F(FakeAzureTest, TokenEndpointIssuesAudienceTokensAndCountsThem) {
  auto response = client_->send(post_form("/tenant-1/oauth2/v2.0/token",
                                          "grant_type=client_credentials&client_id=app&client_secret=s&scope="
                                          "https%3A%2F%2Fapi.loganalytics.io%2F.default"));
  ASSERT_TRUE(response) << response.error().message();
  EXPECT_EQ(response->status, 200);
  EXPECT_NE(response->body.find("\"access_token\":\"fake-token.https://api.loganalytics.io."),
            std::string::npos)
      << response->body;
  EXPECT_NE(response->body.find("\"expires_in\":3599"), std::string::npos);
  EXPECT_EQ(server_.token_requests("https://api.loganalytics.io/.default"), 1u);
  EXPECT_EQ(server_.token_requests("https://management.azure.com/.default"), 0u);
  auto recorded = server_.requests(Route::token);
  ASSERT_EQ(recorded.size(), 1u);
  EXPECT_EQ(recorded[0].form_param("client_id"), "app");
}

TEST_F(FakeAzureTest, TokenEndpointRejectsAWrongSecretWithEntrasBody) {
  fake_azure::Options options;
  options.client_secret = "right";
  FakeAzure strict(options);
  auto request =
      post_form("/t/oauth2/v2.0/token",
                "grant_type=client_credentials&client_id=app&client_secret=wrong&scope=x%2F.default");
  request.url = strict.https_url() + "/t/oauth2/v2.0/token";
  request.ca_file = strict.ca_file();
  auto response = client_->send(request);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 401);
  EXPECT_NE(response->body.find("AADSTS7000215"), std::string::npos);
}

TEST_F(FakeAzureTest, ImdsRequiresTheMetadataHeader) {
  Request request;
  request.url =
      server_.http_url() +
      "/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fmanagement.azure.com%2F";
  request.allow_plain_http = true;
  auto refused = client_->send(request);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 400);
  request.headers = {{"Metadata", "true"}};
  auto ok = client_->send(request);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  EXPECT_NE(ok->body.find("fake-token.https://management.azure.com."), std::string::npos) << ok->body;
  EXPECT_NE(ok->body.find("\"resource\":\"https://management.azure.com/\""), std::string::npos) << ok->body;
  EXPECT_EQ(server_.token_requests("https://management.azure.com"), 1u);
}

TEST_F(FakeAzureTest, AppServiceIdentityEndpointChecksItsHeader) {
  Request request;
  request.url = server_.http_url() + "/msi/token?resource=https://api.loganalytics.io&api-version=2019-08-01";
  request.allow_plain_http = true;
  request.headers = {{"X-IDENTITY-HEADER", "fake-identity-header"}};
  auto ok = client_->send(request);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  EXPECT_NE(ok->body.find("\"expires_on\":\""), std::string::npos)
      << "expires_on is a string here: " << ok->body;
  request.headers = {{"X-IDENTITY-HEADER", "wrong"}};
  auto refused = client_->send(request);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 401);
}

TEST_F(FakeAzureTest, LogAnalyticsChecksBearerAndAudience) {
  auto missing = client_->send(query("T | take 1", ""));
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 401);
  auto wrong_audience =
      client_->send(query("T | take 1", server_.issue_token("https://management.azure.com")));
  ASSERT_TRUE(wrong_audience);
  EXPECT_EQ(wrong_audience->status, 403);
  EXPECT_NE(wrong_audience->body.find("InvalidAuthenticationTokenAudience"), std::string::npos);
  auto garbage = client_->send(query("T | take 1", "eyJ.not.ours"));
  ASSERT_TRUE(garbage);
  EXPECT_EQ(garbage->status, 403);
  auto ok = client_->send(query("T | take 1", server_.issue_token("https://api.loganalytics.io/.default")));
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  EXPECT_NE(ok->body.find("\"tables\""), std::string::npos);
}

TEST_F(FakeAzureTest, QueryHandlersAnswerByKql) {
  server_.on_query([](std::string_view kql) -> std::optional<FakeResponse> {
    if (kql.find("partial") != std::string_view::npos) return FakeResponse::partial_error();
    if (kql.find("broken") != std::string_view::npos) return FakeResponse::invalid_json();
    return std::nullopt;
  });
  auto token = server_.issue_token("https://api.loganalytics.io");
  auto partial = client_->send(query("partial", token));
  ASSERT_TRUE(partial);
  EXPECT_EQ(partial->status, 200);
  EXPECT_NE(partial->body.find("PartialError"), std::string::npos);
  auto broken = client_->send(query("broken", token));
  ASSERT_TRUE(broken);
  EXPECT_EQ(broken->body.back(), 'u') << "cut mid-token";
  auto fallback = client_->send(query("other", token));
  ASSERT_TRUE(fallback);
  EXPECT_NE(fallback->body.find("PrimaryResult"), std::string::npos);
}

TEST_F(FakeAzureTest, ArmResourcePagesLinkBackToTheFake) {
  auto request =
      get("/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-shop/"
          "resources?api-version=2021-04-01");
  request.headers = {
      {"Authorization", "Bearer " + server_.issue_token("https://management.azure.com/.default")}};
  auto first = client_->send(request);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);
  auto link_at = first->body.find("\"nextLink\":\"" + server_.https_url() + "/subscriptions/");
  ASSERT_NE(link_at, std::string::npos) << first->body;
  auto start = link_at + std::string("\"nextLink\":\"").size();
  request.url = first->body.substr(start, first->body.find('"', start) - start);
  auto second = client_->send(request);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, 200);
  EXPECT_EQ(second->body.find("nextLink"), std::string::npos) << "the last page has no nextLink";
  EXPECT_EQ(server_.requests(Route::arm_resources).size(), 2u);
}

TEST_F(FakeAzureTest, MetricsRouteAnswersFromTheVector) {
  auto request =
      get("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/shop-web/providers/"
          "Microsoft.Insights/metrics?api-version=2024-02-01");
  request.headers = {{"Authorization", "Bearer " + server_.issue_token("https://management.azure.com")}};
  auto response = client_->send(request);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_NE(response->body.find("HttpResponseTime"), std::string::npos);
  EXPECT_EQ(server_.requests(Route::metrics).size(), 1u);
}

}  // namespace
}  // namespace tinkr::http::testing
