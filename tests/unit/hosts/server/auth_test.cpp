// API keys: hashed comparison, Bearer parsing, nested roles.
#include "auth.hpp"

#include <gtest/gtest.h>

namespace tinkr::server {
namespace {

Authenticator make_authenticator() {
  return Authenticator({{sha256_hex("viewer-key"), "vera", {"viewer"}},
                        {sha256_hex("lead-key"), "lee", {"viewer", "sre-lead"}},
                        {sha256_hex("no-role-key"), "nobody", {"astronaut"}}});
}

TEST(Auth, Sha256HexIsTheStandardDigest) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Auth, GoodKeyGivesItsSubject) {
  auto principal = make_authenticator().authenticate("Bearer viewer-key");
  ASSERT_TRUE(principal);
  EXPECT_EQ(principal->subject, "vera");
  EXPECT_TRUE(allows(*principal, Role::viewer));
  EXPECT_FALSE(allows(*principal, Role::oncall)) << "viewer does not include oncall";
}

TEST(Auth, RolesNest) {
  auto lead = make_authenticator().authenticate("bearer lead-key");
  ASSERT_TRUE(lead) << "the scheme name is case-insensitive";
  EXPECT_TRUE(allows(*lead, Role::viewer));
  EXPECT_TRUE(allows(*lead, Role::oncall));
  EXPECT_TRUE(allows(*lead, Role::sre_lead));
}

TEST(Auth, UnknownRoleGrantsNothing) {
  auto nobody = make_authenticator().authenticate("Bearer no-role-key");
  ASSERT_TRUE(nobody) << "the key is valid";
  EXPECT_FALSE(allows(*nobody, Role::viewer)) << "but it holds no role";
}

TEST(Auth, WrongOrMissingKeysAreRefused) {
  const auto auth = make_authenticator();
  EXPECT_FALSE(auth.authenticate(""));
  EXPECT_FALSE(auth.authenticate("Bearer "));
  EXPECT_FALSE(auth.authenticate("Bearer wrong-key"));
  EXPECT_FALSE(auth.authenticate("Basic dmlld2VyLWtleQ==")) << "only Bearer";
  EXPECT_FALSE(auth.authenticate("Bearer viewer-key ")) << "the key is compared exactly";
}

TEST(Auth, MalformedHashesAreSkippedAndNamed) {
  std::vector<std::string> rejected;
  Authenticator auth({{"not-hex", "broken", {"viewer"}}, {sha256_hex("k"), "ok", {"viewer"}}}, &rejected);
  EXPECT_EQ(auth.key_count(), 1u);
  ASSERT_EQ(rejected.size(), 1u);
  EXPECT_EQ(rejected[0], "api key of 'broken': hash is not 64 hex digits");
}

}  // namespace
}  // namespace tinkr::server
