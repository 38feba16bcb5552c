// describe()'s capabilities JSON: the agreed format read in full, and each bad member named.
#include <tinkr/planner.hpp>

#include <gtest/gtest.h>

namespace {

using tinkr::ir::Op;
using tinkr::ir::Signal;

constexpr const char* kAzure = R"({
  "name": "azure", "version": "0.1.0", "description": "Azure Monitor: Log Analytics, Application Insights, Metrics",
  "signals": ["logs", "metrics", "trace_search", "trace_get", "native"],
  "native_language": "kql",
  "pushdown": {
    "fields": ["time", "severity", "body", "service", "trace_id", "span_id", "attributes.*", "name", "duration",
               "status", "status_code", "kind", "parent_span_id"],
    "operators": ["eq", "ne", "lt", "le", "gt", "ge", "in", "contains", "startswith", "matches", "exists"],
    "exact_operators": ["eq", "ne", "lt", "le", "gt", "ge", "in"],
    "text_search": true, "or": true, "not": true, "order": true, "limit": true, "max_limit": 30000
  },
  "resource_types": ["app_insights", "aks", "container_apps", "app_service", "functions", "syslog", "app_exceptions"],
  "options": {"workspace_id": {"required": true, "env": "AZURE_LOG_ANALYTICS_WORKSPACE_ID", "description": "..."}}
})";

TEST(Capabilities, TheAgreedAzureExampleReadsInFull) {
  auto caps = tinkr::planner::parse_capabilities(kAzure);
  ASSERT_TRUE(caps) << caps.error().message();
  EXPECT_EQ(caps->name, "azure");
  EXPECT_EQ(caps->native_language, "kql");
  EXPECT_EQ(caps->signals.size(), 5u);
  EXPECT_EQ(caps->fields.size(), 13u);
  EXPECT_TRUE(caps->fields.contains("attributes.*"));
  EXPECT_EQ(caps->operators.size(), 11u);
  EXPECT_EQ(caps->exact_operators,
            (tinkr::planner::OpSet{Op::eq, Op::ne, Op::lt, Op::le, Op::gt, Op::ge, Op::in}));
  EXPECT_TRUE(caps->text_search);
  EXPECT_TRUE(caps->boolean_or);
  EXPECT_TRUE(caps->boolean_not);
  EXPECT_TRUE(caps->order);
  EXPECT_TRUE(caps->limit);
  EXPECT_EQ(caps->max_limit, 30000);
}

TEST(Capabilities, AbsentFlagsMeanTheBackendCannot) {
  auto caps = tinkr::planner::parse_capabilities(R"({"name":"tiny","signals":["logs"]})");
  ASSERT_TRUE(caps) << caps.error().message();
  EXPECT_EQ(caps->signals, tinkr::planner::SignalSet{Signal::logs});
  EXPECT_TRUE(caps->fields.empty());
  EXPECT_FALSE(caps->text_search);
  EXPECT_FALSE(caps->boolean_or);
  EXPECT_FALSE(caps->boolean_not);
  EXPECT_FALSE(caps->order);
  EXPECT_FALSE(caps->limit);
}

// The schema signal is a member of its own, so that a host that predates it ignores it (plugin-abi.md).
TEST(Capabilities, SchemaIsItsOwnMemberAndAddsTheSignal) {
  auto caps = tinkr::planner::parse_capabilities(R"({"name":"t","signals":["logs"],"schema":true})");
  ASSERT_TRUE(caps) << caps.error().message();
  EXPECT_EQ(caps->signals, (tinkr::planner::SignalSet{Signal::logs, Signal::schema}));
  auto without = tinkr::planner::parse_capabilities(R"({"name":"t","signals":["logs"],"schema":false})");
  ASSERT_TRUE(without);
  EXPECT_EQ(without->signals, tinkr::planner::SignalSet{Signal::logs});
  auto bad = tinkr::planner::parse_capabilities(R"({"name":"t","signals":["logs"],"schema":"yes"})");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message().find("schema"), std::string::npos) << bad.error().message();
}

TEST(Capabilities, FieldAliasesAreCanonicalised) {
  auto caps =
      tinkr::planner::parse_capabilities(R"({"signals":["logs"],"pushdown":{"fields":["message","level"]}})");
  ASSERT_TRUE(caps) << caps.error().message();
  EXPECT_EQ(caps->fields, (tinkr::planner::FieldSet{"body", "severity"}));
}

struct BadCase {
  const char* json;
  const char* message;
};

class BadCapabilities : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadCapabilities, ErrorNamesTheMember) {
  auto caps = tinkr::planner::parse_capabilities(GetParam().json);
  ASSERT_FALSE(caps) << GetParam().json;
  EXPECT_EQ(caps.error().message(), GetParam().message);
  EXPECT_EQ(caps.error().source(), tinkr::Error::Source::plugin) << "a bad describe() is the plugin's fault";
}

const BadCase kBad[] = {
    {"{\"signals\": [", "capabilities: invalid JSON at offset 13: Invalid value."},
    {"[]", "capabilities: '$' must be a JSON object"},
    {"{}", "capabilities: 'signals' is missing: a backend must name the signals it answers"},
    {R"({"signals":"logs"})", "capabilities: 'signals' must be an array of strings"},
    {R"({"signals":["logs",3]})", "capabilities: 'signals[1]' must be a string"},
    {R"({"signals":["logs","profiles"]})", "capabilities: 'signals' has an unknown name 'profiles'"},
    {R"({"signals":["logs"],"name":1})", "capabilities: 'name' must be a string"},
    {R"({"signals":["logs"],"pushdown":[]})", "capabilities: 'pushdown' must be an object"},
    {R"({"signals":["logs"],"pushdown":{"fields":["colour"]}})",
     "capabilities: 'pushdown.fields' has an unknown name 'colour'"},
    {R"({"signals":["logs"],"pushdown":{"operators":["eq","like"]}})",
     "capabilities: 'pushdown.operators' has an unknown name 'like'"},
    {R"({"signals":["logs"],"pushdown":{"operators":["eq"],"exact_operators":["in"]}})",
     "capabilities: 'pushdown.exact_operators' names 'in', which is not in operators"},
    {R"({"signals":["logs"],"pushdown":{"or":"yes"}})", "capabilities: 'pushdown.or' must be true or false"},
    {R"({"signals":["logs"],"pushdown":{"max_limit":-1}})",
     "capabilities: 'pushdown.max_limit' must be a non-negative integer"},
};
INSTANTIATE_TEST_SUITE_P(Members, BadCapabilities, ::testing::ValuesIn(kBad));

}  // namespace
