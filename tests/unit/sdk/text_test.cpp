// The one ASCII case-insensitive comparison (tinkr/sdk/text.hpp) that the core, the hosts and plugins
// share. The copies it replaced disagreed: two compared `c | 0x20`, which also folds '[' into '{' and
// '^' into '~', so a header or NO_PROXY entry could match a name it does not spell.
#include <tinkr/text.hpp>

#include <gtest/gtest.h>

namespace tinkr {
namespace {

TEST(Text, EqualsIgnoringCaseFoldsOnlyAsciiLetters) {
  EXPECT_TRUE(equals_ignoring_case("Content-Encoding", "content-encoding"));
  EXPECT_TRUE(equals_ignoring_case("AUTHORIZATION", "authorization"));
  EXPECT_TRUE(equals_ignoring_case("", ""));
  EXPECT_FALSE(equals_ignoring_case("Authorization", "Authorizatio"));
  EXPECT_FALSE(equals_ignoring_case("[::1]", "{::1}")) << "'[' is not an upper-case '{'";
  EXPECT_FALSE(equals_ignoring_case("a^b", "a~b"));
  EXPECT_FALSE(equals_ignoring_case("x@y", "x`y"));
  EXPECT_FALSE(equals_ignoring_case("caf\xC3\x89", "caf\xC3\xA9")) << "no locale: only ASCII letters fold";
}

TEST(Text, StartsWithIgnoringCaseAndLowercase) {
  EXPECT_TRUE(starts_with_ignoring_case("Bearer abc", "bearer "));
  EXPECT_FALSE(starts_with_ignoring_case("Bear", "bearer "));
  EXPECT_FALSE(starts_with_ignoring_case("Bearer_abc", "bearer "));
  EXPECT_EQ(ascii_lowercase("HTTPS://Host.Example/Path[1]"), "https://host.example/path[1]");
  static_assert(equals_ignoring_case("AND", "and"), "usable in constant expressions");
}

}  // namespace
}  // namespace tinkr
