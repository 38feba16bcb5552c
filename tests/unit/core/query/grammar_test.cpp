// The query language's grammar, case by case: each query text and the IR filter (as JSON) it means.
// The first block is every example of the original Tinkr documentation.
#include <tinkr/query.hpp>
#include <tinkr/sdk/ir_json.hpp>

#include <gtest/gtest.h>

#include <string>

namespace {

// A fixed "now" (2026-11-25T10:00:00Z) so relative times give the same nanoseconds every run.
constexpr int64_t kNow = 1795600800000000000;

struct Case {
  const char* query;
  const char* filter_json;
};

class GrammarTest : public ::testing::TestWithParam<Case> {};

TEST_P(GrammarTest, QueryParsesToTheExpectedFilter) {
  const Case& c = GetParam();
  auto filter = tinkr::query::parse_filter(c.query, kNow);
  ASSERT_TRUE(filter) << "query " << c.query << " failed: " << filter.error().message();
  EXPECT_EQ(tinkr::ir::to_json(*filter), c.filter_json) << "query: " << c.query;
}

const Case kOriginalDocs[] = {
    {"level:ERROR", R"({"field":"severity","op":"eq","value":17})"},
    {"level:(ERROR OR WARN)", R"({"field":"severity","op":"in","values":[17,13]})"},
    {"\"quoted phrase\"", R"({"text":"quoted phrase"})"},
    {"timeout", R"({"text":"timeout"})"},
    {"connection timeout", R"({"and":[{"text":"connection"},{"text":"timeout"}]})"},
    {"level:ERROR AND timeout", R"({"and":[{"field":"severity","op":"eq","value":17},{"text":"timeout"}]})"},
    {"level:ERROR OR level:WARN",
     R"({"or":[{"field":"severity","op":"eq","value":17},{"field":"severity","op":"eq","value":13}]})"},
    {"NOT level:DEBUG", R"({"not":{"field":"severity","op":"eq","value":5}})"},
    {"level:ERROR timeout", R"({"and":[{"field":"severity","op":"eq","value":17},{"text":"timeout"}]})"},
    {"(level:ERROR OR level:WARN) AND timeout",
     R"({"and":[{"or":[{"field":"severity","op":"eq","value":17},{"field":"severity","op":"eq","value":13}]},{"text":"timeout"}]})"},
    {"*", R"({"all":true})"},
};
INSTANTIATE_TEST_SUITE_P(OriginalDocs, GrammarTest, ::testing::ValuesIn(kOriginalDocs));

const Case kBoolean[] = {
    {"", R"({"all":true})"},
    {"   ", R"({"all":true})"},
    {"level:error and timeout", R"({"and":[{"field":"severity","op":"eq","value":17},{"text":"timeout"}]})"},
    {"a Or b", R"({"or":[{"text":"a"},{"text":"b"}]})"},
    {"not a", R"({"not":{"text":"a"}})"},
    {"NOT NOT a", R"({"text":"a"})"},
    {"a AND (b OR c)", R"({"and":[{"text":"a"},{"or":[{"text":"b"},{"text":"c"}]}]})"},
    {"((a))", R"({"text":"a"})"},
    {"a OR b c", R"({"or":[{"text":"a"},{"and":[{"text":"b"},{"text":"c"}]}]})"},
    {"a b OR c", R"({"or":[{"and":[{"text":"a"},{"text":"b"}]},{"text":"c"}]})"},
    {"a AND b AND c", R"({"and":[{"text":"a"},{"text":"b"},{"text":"c"}]})"},
    {"(a AND b) AND c", R"({"and":[{"text":"a"},{"text":"b"},{"text":"c"}]})"},
    {"* AND level:ERROR", R"({"field":"severity","op":"eq","value":17})"},
    {"* OR a", R"({"all":true})"},
    {"NOT(a)", R"({"not":{"text":"a"}})"},
    {"ordering ANDROID notify", R"({"and":[{"text":"ordering"},{"text":"ANDROID"},{"text":"notify"}]})"},
    {"\tlevel:ERROR\n", R"({"field":"severity","op":"eq","value":17})"},
    {"level:(ERROR OR CRITICAL) AND \"connection timeout\" AND NOT \"health check\"",
     R"({"and":[{"field":"severity","op":"in","values":[17,21]},{"text":"connection timeout"},{"not":{"text":"health check"}}]})"},
};
INSTANTIATE_TEST_SUITE_P(Boolean, GrammarTest, ::testing::ValuesIn(kBoolean));

const Case kSeverity[] = {
    {"severity>=warn", R"({"field":"severity","op":"ge","value":13})"},
    {"severity>warn", R"({"field":"severity","op":"gt","value":13})"},
    {"severity<=info", R"({"field":"severity","op":"le","value":9})"},
    {"severity<error", R"({"field":"severity","op":"lt","value":17})"},
    {"severity!=debug", R"({"field":"severity","op":"ne","value":5})"},
    {"severity=fatal", R"({"field":"severity","op":"eq","value":21})"},
    {"level:CRITICAL", R"({"field":"severity","op":"eq","value":21})"},
    {"level:verbose", R"({"field":"severity","op":"eq","value":1})"},
    {"level:trace", R"({"field":"severity","op":"eq","value":1})"},
    {"level:Information", R"({"field":"severity","op":"eq","value":9})"},
    {"level:warning", R"({"field":"severity","op":"eq","value":13})"},
    {"level:17", R"({"field":"severity","op":"eq","value":17})"},
    {"severity_text:error", R"({"field":"severity","op":"eq","value":17})"},
    {"level:(NOT DEBUG)", R"({"not":{"field":"severity","op":"eq","value":5}})"},
    {"level:(ERROR WARN)",
     R"({"and":[{"field":"severity","op":"eq","value":17},{"field":"severity","op":"eq","value":13}]})"},
};
INSTANTIATE_TEST_SUITE_P(Severity, GrammarTest, ::testing::ValuesIn(kSeverity));

const Case kComparisons[] = {
    {"duration>1.5s", R"({"field":"duration","op":"gt","value":1500000000})"},
    {"duration<250ms", R"({"field":"duration","op":"lt","value":250000000})"},
    {"duration>=15m", R"({"field":"duration","op":"ge","value":900000000000})"},
    {"duration<=1h", R"({"field":"duration","op":"le","value":3600000000000})"},
    {"duration>2d", R"({"field":"duration","op":"gt","value":172800000000000})"},
    {"duration>1w", R"({"field":"duration","op":"gt","value":604800000000000})"},
    {"duration>100ms OR duration<1ms",
     R"({"or":[{"field":"duration","op":"gt","value":100000000},{"field":"duration","op":"lt","value":1000000}]})"},
    {"status_code>=500", R"({"field":"status_code","op":"ge","value":500})"},
    {"status_code:\"404\"", R"({"field":"status_code","op":"eq","value":"404"})"},
    {"time>2026-11-25T10:00:00Z", R"({"field":"time","op":"gt","value":1795600800000000000})"},
    {"time>=now-1h", R"({"field":"time","op":"ge","value":1795597200000000000})"},
    {"time<2026-11-25T11:00:00+01:00", R"({"field":"time","op":"lt","value":1795600800000000000})"},
    {"name!=health", R"({"field":"name","op":"ne","value":"health"})"},
    {"body=exact", R"({"field":"body","op":"eq","value":"exact"})"},
};
INSTANTIATE_TEST_SUITE_P(Comparisons, GrammarTest, ::testing::ValuesIn(kComparisons));

const Case kFields[] = {
    {"name:GET*", R"({"field":"name","op":"startswith","value":"GET"})"},
    {"name:*orders*", R"({"field":"name","op":"contains","value":"orders"})"},
    {"name:*.json", R"({"field":"name","op":"matches","value":"(?s)^.*\\.json$"})"},
    {"name:GET\\*", R"({"field":"name","op":"eq","value":"GET*"})"},
    {"name:(GET* OR POST*)",
     R"({"or":[{"field":"name","op":"startswith","value":"GET"},{"field":"name","op":"startswith","value":"POST"}]})"},
    {"message:/time(d )?out/", R"({"field":"body","op":"matches","value":"time(d )?out"})"},
    {"message:/a\\/b/", R"({"field":"body","op":"matches","value":"a/b"})"},
    {"message:/\\d+ ms/", R"({"field":"body","op":"matches","value":"\\d+ ms"})"},
    {"_exists_:trace_id", R"({"field":"trace_id","op":"exists"})"},
    {"trace_id:*", R"({"field":"trace_id","op":"exists"})"},
    {"attributes.http.method:POST", R"({"field":"attributes.http.method","op":"eq","value":"POST"})"},
    {"attributes.http.status_code:500", R"({"field":"attributes.http.status_code","op":"eq","value":500})"},
    {"attributes.retry:true", R"({"field":"attributes.retry","op":"eq","value":true})"},
    {"attributes.ratio>0.5", R"({"field":"attributes.ratio","op":"gt","value":0.5})"},
    {"attributes.code:\"500\"", R"({"field":"attributes.code","op":"eq","value":"500"})"},
    {"attributes.x:nan attributes.y:inf",
     R"({"and":[{"field":"attributes.x","op":"eq","value":"nan"},{"field":"attributes.y","op":"eq","value":"inf"}]})"},
    {"message:timeout", R"({"field":"body","op":"contains","value":"timeout"})"},
    {"msg:\"connection reset\"", R"({"field":"body","op":"contains","value":"connection reset"})"},
    {"service:checkout", R"({"field":"service","op":"eq","value":"checkout"})"},
    {"service.name:checkout", R"({"field":"service","op":"eq","value":"checkout"})"},
    {"service:\"my service\"", R"({"field":"service","op":"eq","value":"my service"})"},
    {"service:(checkout OR cart)", R"({"field":"service","op":"in","values":["checkout","cart"]})"},
    {"status:ERROR", R"({"field":"status","op":"eq","value":"error"})"},
    {"kind:server", R"({"field":"kind","op":"eq","value":"server"})"},
    {"span_id:abc123", R"({"field":"span_id","op":"eq","value":"abc123"})"},
    {"parent_span_id:00f067aa0ba902b7", R"({"field":"parent_span_id","op":"eq","value":"00f067aa0ba902b7"})"},
    {"attributes.user.id:42 AND NOT status:ok",
     R"({"and":[{"field":"attributes.user.id","op":"eq","value":42},{"not":{"field":"status","op":"eq","value":"ok"}}]})"},
};
INSTANTIATE_TEST_SUITE_P(Fields, GrammarTest, ::testing::ValuesIn(kFields));

const Case kEscapes[] = {
    {R"("say \"hi\"")", R"({"text":"say \"hi\""})"},
    {R"(path\:with\:colons)", R"({"text":"path:with:colons"})"},
    {R"(attributes.path:C\:\\tmp)", R"({"field":"attributes.path","op":"eq","value":"C:\\tmp"})"},
    {R"q(\(literal\))q", R"q({"text":"(literal)"})q"},
    {R"(service:my\ service)", R"({"field":"service","op":"eq","value":"my service"})"},
    {R"("tab\there")", R"({"text":"tab\there"})"},
    {"\"caf\xC3\xA9\" level:ERROR", R"({"and":[{"text":"café"},{"field":"severity","op":"eq","value":17}]})"},
    {R"("http://x/y?a=b")", R"({"text":"http://x/y?a=b"})"},
};
INSTANTIATE_TEST_SUITE_P(Escapes, GrammarTest, ::testing::ValuesIn(kEscapes));

TEST(Grammar, StarAloneMatchesEverythingAndOneFilterIsNotWrappedInAnAnd) {
  auto everything = tinkr::query::parse_filter("*");
  ASSERT_TRUE(everything);
  EXPECT_TRUE(everything->is_all()) << "'*' is the empty filter";
  auto one = tinkr::query::parse_filter("timeout");
  ASSERT_TRUE(one);
  EXPECT_EQ(one->kind, tinkr::ir::Filter::Kind::text) << "a single term is not wrapped in an and";
}

TEST(Grammar, RelativeTimeWithoutAFixedNowUsesTheClock) {
  auto filter = tinkr::query::parse_filter("time>now-1h");
  ASSERT_TRUE(filter) << filter.error().message();
  const auto value = std::get<int64_t>(filter->predicate.values.front());
  EXPECT_GT(value, kNow - int64_t{400} * 24 * 3600 * 1'000'000'000) << "the clock is at least late 2025";
}

}  // namespace
