// Token answers of every credential decode, whichever way they encode the expiry (vectors' README,
// "Surprises" 8), and error bodies keep only what a person needs.
#include "auth/token_response.hpp"

#include "fake_host.hpp"

#include <gtest/gtest.h>

#include <ctime>

namespace tinkr::azure {
namespace {

using testing::read_vector;
constexpr int64_t kNow = 1'700'000'000LL * kNanosPerSecond;

TEST(TokenResponse, EntraExpiresInIsANumberOfSecondsFromReceipt) {
  auto token = parse_token_response(read_vector("identity/entra.v2.token.response.json"), kNow);
  EXPECT_EQ(token.token, "Sanitized");
  EXPECT_EQ(token.expires_on_ns, kNow + 86399 * kNanosPerSecond);
}

TEST(TokenResponse, ImdsStringsOfDigitsAreAcceptedAndExpiresOnWins) {
  auto token = parse_token_response(read_vector("identity/imds.token.response.json"), kNow);
  EXPECT_EQ(token.token, "eyJ0eXAi...");
  EXPECT_EQ(token.expires_on_ns, 1506484173LL * kNanosPerSecond) << "expires_on (absolute) beats expires_in";
}

TEST(TokenResponse, IdentityEndpointExpiresOnStringIsEpochSeconds) {
  auto token = parse_token_response(read_vector("identity/appservice.2019-08-01.token.response.json"), kNow);
  EXPECT_EQ(token.expires_on_ns, 1586984735LL * kNanosPerSecond);
}

TEST(TokenResponse, AzureCliExpiresOnIntegerIsUsed) {
  auto token = parse_azure_cli_token(read_vector("identity/az-cli.get-access-token.output.json"));
  EXPECT_EQ(token.token, "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiIsIng1dCI6...");
  EXPECT_EQ(token.expires_on_ns, 1748781296LL * kNanosPerSecond);
}

TEST(TokenResponse, OlderAzureCliExpiresOnIsLocalTime) {
  auto token = parse_azure_cli_token(R"({"accessToken":"t","expiresOn":"2025-06-01 12:34:56.000000"})");
  std::tm tm{};
  tm.tm_year = 125;
  tm.tm_mon = 5;
  tm.tm_mday = 1;
  tm.tm_hour = 12;
  tm.tm_min = 34;
  tm.tm_sec = 56;
  tm.tm_isdst = -1;
  EXPECT_EQ(token.expires_on_ns, static_cast<int64_t>(std::mktime(&tm)) * kNanosPerSecond);
}

TEST(TokenResponse, MalformedAnswersNameWhatIsWrongWithoutEchoingTheBody) {
  try {
    parse_token_response(R"({"access_token":"secret-token-text"})", kNow);
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "the token answer has neither 'expires_on' nor 'expires_in'");
  }
  EXPECT_THROW(parse_token_response(R"({"expires_in":3600})", kNow), std::runtime_error);
  EXPECT_THROW(parse_token_response("<html>", kNow), std::runtime_error);
  EXPECT_THROW(parse_token_response(R"({"access_token":"t","expires_in":"soon"})", kNow), std::runtime_error);
  EXPECT_THROW(parse_azure_cli_token(R"({"accessToken":"t"})"), std::runtime_error);
}

TEST(TokenResponse, EntraErrorKeepsCodeAndFirstDescriptionLineOnly) {
  auto text = describe_token_error(read_vector("identity/entra.v2.error.invalid_client.7000215.json"));
  ASSERT_TRUE(text);
  EXPECT_EQ(text->rfind("invalid_client: AADSTS7000215: Invalid client secret provided.", 0), 0u) << *text;
  EXPECT_EQ(text->find("Trace ID"), std::string::npos) << *text;
  auto imds = describe_token_error(read_vector("identity/imds.error.identity-not-found.json"));
  EXPECT_EQ(imds, "invalid_request: Identity not found");
  EXPECT_FALSE(describe_token_error("not json"));
}

}  // namespace
}  // namespace tinkr::azure
