// The out-of-tree example plugin, built against the installed SDK by the abi.third_party.build
// fixture, loaded from a plain folder and queried — next to another plugin loaded at the same time.
#include <gtest/gtest.h>

#include "tinkr/engine.hpp"

namespace tinkr {
namespace {

QuerySpec logs_of(std::string service, std::string text = "", int64_t limit = 0) {
  QuerySpec spec;
  spec.signal = ir::Signal::logs;
  spec.service = std::move(service);
  spec.text = std::move(text);
  spec.limit = limit;
  return spec;
}

TEST(ThirdPartyPlugin, IsFoundInItsFolderAndAnswersQueries) {
  PluginRegistry registry({TINKR_THIRD_PARTY_PLUGIN_DIR});
  auto plugin = registry.load("example");
  ASSERT_TRUE(plugin) << plugin.error().to_string();
  EXPECT_EQ(plugin->abi(), "1.4");  // built against this tree's SDK
  auto engine = Engine::open_plugin(*plugin, "{}");
  ASSERT_TRUE(engine) << engine.error().to_string();
  auto q = (*engine)->build(logs_of("web", "severity>=warn"));
  ASSERT_TRUE(q) << q.error().to_string();
  auto result = (*engine)->collect(*q);
  ASSERT_TRUE(result) << result.error().to_string();
  ASSERT_EQ(result->records.size(), 2u) << "the error and the warning of service web";
  EXPECT_EQ(std::get<LogRecord>(result->records[0]).body, "upstream connection timeout");
  EXPECT_FALSE(result->stats.residual) << "the example filters severity itself, as describe() declares";
}

TEST(ThirdPartyPlugin, TwoPluginsLoadedAtOnceEachAnswerTheirOwn) {
  auto example = PluginRegistry({TINKR_THIRD_PARTY_PLUGIN_DIR}).load("example");
  auto mock = PluginRegistry({TINKR_PLUGIN_DIR}).load("mock");
  ASSERT_TRUE(example && mock);
  auto a = Engine::open_plugin(*example, "{}");
  auto b = Engine::open_plugin(*mock, "{}");
  ASSERT_TRUE(a && b);
  auto qa = (*a)->build(logs_of("worker"));
  auto qb = (*b)->build(logs_of("web", "", 7));
  ASSERT_TRUE(qa && qb);
  auto ra = (*a)->collect(*qa);
  auto rb = (*b)->collect(*qb);
  ASSERT_TRUE(ra && rb);
  EXPECT_EQ(ra->records.size(), 1u);
  EXPECT_EQ(rb->records.size(), 7u);
  EXPECT_EQ((*a)->backend().name, "example");
  EXPECT_EQ((*b)->backend().name, "mock");
}

}  // namespace
}  // namespace tinkr
