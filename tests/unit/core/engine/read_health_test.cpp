// A backend's health is a value with its verdict (tinkr::Health): read once in the core, where the CLI
// and the server each used to parse the JSON again with their own copy of the rule.
#include <tinkr/engine.hpp>

#include <gtest/gtest.h>

namespace tinkr {
namespace {

TEST(ReadHealth, OkFalseOrAnErrorStatusIsUnhealthy) {
  EXPECT_FALSE(read_health(R"({"ok":false})").healthy);
  EXPECT_FALSE(read_health(R"({"status":"error","checks":[]})").healthy);
  EXPECT_FALSE(read_health(R"({"status":"unhealthy"})").healthy);
  EXPECT_FALSE(read_health(R"({"ok":false,"status":"ok"})").healthy) << "ok wins over status";
}

TEST(ReadHealth, EverythingElseIsHealthyAndTheJsonIsKept) {
  EXPECT_TRUE(read_health(R"({"status":"ok"})").healthy);
  EXPECT_TRUE(read_health(R"({"ok":true,"status":"error"})").healthy) << "ok wins over status";
  EXPECT_TRUE(read_health(R"({"status":"degraded"})").healthy);
  EXPECT_TRUE(read_health("{}").healthy);
  EXPECT_TRUE(read_health("not json").healthy) << "the plugin answered";
  EXPECT_EQ(read_health(R"({"status":"error"})").json, R"({"status":"error"})");
}

}  // namespace
}  // namespace tinkr
