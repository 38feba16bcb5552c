// The advice a 403 carries: which role, at which scope, and the exact `az role assignment create`
// line with the caller's principal id (from ARM's message, or the token's oid claim).
#include "decode/missing_role.hpp"

#include <gtest/gtest.h>
#include <boost/beast/core/detail/base64.hpp>

#include <string>

namespace tinkr::azure::decode {
namespace {

std::string base64url(const std::string& bytes) {
  std::string out(boost::beast::detail::base64::encoded_size(bytes.size()), '\0');
  out.resize(boost::beast::detail::base64::encode(out.data(), bytes.data(), bytes.size()));
  for (char& c : out) c = c == '+' ? '-' : c == '/' ? '_' : c;
  while (!out.empty() && out.back() == '=') out.pop_back();
  return out;
}

TEST(MissingRole, TheTokensOidClaimIsThePrincipalAndNothingElseIsRead) {
  const std::string token =
      base64url(R"({"alg":"RS256","typ":"JWT"})") + "." +
      base64url(R"({"aud":"https://api.loganalytics.io","oid":"5b2e0c3a-1f4d-4e8b-9a7c-)"
                R"(0d1e2f3a4b5c","sub":"x?"})") +
      ".c2lnbmF0dXJl";
  EXPECT_EQ(principal_from_token(token), "5b2e0c3a-1f4d-4e8b-9a7c-0d1e2f3a4b5c");
  EXPECT_EQ(principal_from_token("fake-token.https://api.loganalytics.io.1"), "") << "not a JWT";
  const std::string shell_payload = base64url(R"j({"oid":"$(rm -rf /)"})j");
  EXPECT_EQ(principal_from_token(base64url("{}") + "." + shell_payload + ".x"), "")
      << "an oid that is not a GUID never reaches the command line";
  EXPECT_EQ(principal_from_token("a.!!!.b"), "");
}

TEST(MissingRole, ArmNamesTheCallersObjectIdInItsMessage) {
  EXPECT_EQ(principal_from_arm_message(
                "The client 'e84813c7-479f-4411-9918-ee85c8a9246b' with object id "
                "'e84813c7-479f-4411-9918-ee85c8a9246b' does not have authorization to perform action "
                "'Microsoft.Insights/metricDefinitions/read' over scope '/subscriptions/s' or the scope is "
                "invalid."),
            "e84813c7-479f-4411-9918-ee85c8a9246b");
  EXPECT_EQ(principal_from_arm_message("The client does not have authorization."), "");
}

TEST(MissingRole, OnlyMissingRoleCodesGetAdvice) {
  EXPECT_TRUE(is_missing_role(parse_azure_error(
      R"({"error":{"message":"m","code":"InsufficientAccessError","innererror":{"code":"UnauthorizedClient"}}})")));
  EXPECT_TRUE(
      is_missing_role(parse_azure_error(R"({"error":{"code":"AuthorizationFailed","message":"m"}})")));
  EXPECT_FALSE(
      is_missing_role(parse_azure_error(R"({"error":{"code":"InvalidAuthenticationTokenAudience"}})")));
  EXPECT_FALSE(is_missing_role(parse_azure_error(R"({"error":{"code":"InvalidTokenError"}})")));
}

TEST(MissingRole, TheAdviceIsTheExactCommand) {
  EXPECT_EQ(
      missing_role_advice(RoleApi::monitor, role_scope("sub-1", "rg-shop"),
                          "e84813c7-479f-4411-9918-ee85c8a9246b"),
      "the identity needs the role 'Monitoring Reader' at /subscriptions/sub-1/resourceGroups/rg-shop (or "
      "the whole subscription); grant it with: az role assignment create --assignee "
      "e84813c7-479f-4411-9918-ee85c8a9246b --role \"Monitoring Reader\" --scope "
      "/subscriptions/sub-1/resourceGroups/rg-shop");
  const std::string unknown = missing_role_advice(RoleApi::log_analytics, role_scope("", ""), "");
  EXPECT_NE(unknown.find("--assignee <principal-id> --role \"Log Analytics Reader\" --scope "
                         "'/subscriptions/<subscription-id>'"),
            std::string::npos)
      << unknown;
  EXPECT_NE(unknown.find("az identity show --name IDENTITY --resource-group RG --query principalId -o tsv"),
            std::string::npos)
      << unknown;
  EXPECT_NE(missing_role_advice(RoleApi::monitor, role_scope("s", "rg(prod)"), "")
                .find("--scope '/subscriptions/s/resourceGroups/rg(prod)'"),
            std::string::npos)
      << "a scope with shell characters is quoted";
}

}  // namespace
}  // namespace tinkr::azure::decode
