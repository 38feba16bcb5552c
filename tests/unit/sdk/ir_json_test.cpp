// The IR's JSON: thousands of random queries survive to_json -> from_json unchanged, the examples of
// docs/ir.md read as documented, and anything unknown is refused by name.
#include <tinkr/ir.hpp>
#include <tinkr/sdk/ir_json.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

namespace {

using tinkr::ir::Filter;
using tinkr::ir::Op;
using tinkr::ir::Query;
using tinkr::ir::Value;

class RandomIr {
 public:
  explicit RandomIr(uint32_t seed) : random_(seed) {}

  Query query() {
    Query q;
    q.signal = static_cast<tinkr::ir::Signal>(pick(std::size(tinkr::ir::kSignalNames)));
    if (coin()) q.service = text();
    if (coin()) q.resource_type = text();
    q.time = {integer(), integer()};
    q.limit = coin() ? 0 : static_cast<int64_t>(pick(100000));
    if (coin()) q.order = {coin() ? "time" : "duration", coin()};
    q.filter = coin() ? Filter::all() : filter(0);
    if (coin()) {
      for (std::size_t i = pick(3); i > 0; --i) q.metrics.names.push_back(text());
      for (std::size_t i = pick(3); i > 0; --i)
        q.metrics.aggregations.push_back(
            coin() ? tinkr::ir::Aggregation(static_cast<tinkr::ir::Aggregation::Kind>(pick(5)))
                   : tinkr::ir::Aggregation::make_percentile(static_cast<int32_t>(pick(99'999)) + 1));
      q.metrics.interval_ns = integer();
      if (coin()) q.metrics.dimension_filter = filter(2);
      for (std::size_t i = pick(3); i > 0; --i) q.metrics.group_by.push_back(text());
      q.metrics.top = static_cast<int64_t>(pick(50));
    }
    if (coin()) q.trace_id = text();
    if (coin()) q.native_text = text();
    if (coin()) q.table = text();
    return q;
  }

 private:
  std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(random_); }
  bool coin() { return pick(2) == 0; }

  int64_t integer() {
    switch (pick(4)) {
      case 0:
        return std::numeric_limits<int64_t>::min();
      case 1:
        return std::numeric_limits<int64_t>::max();
      default:
        return std::uniform_int_distribution<int64_t>(std::numeric_limits<int64_t>::min())(random_);
    }
  }

  std::string text() {
    static constexpr const char* kPieces[] = {
        "a", "Z", " ", "\"", "\\",   "/", "\n", "\t", "caf\xC3\xA9", "\xE2\x9C\x93",
        "{", "}", ":", "*",  "\x01", "0"};
    std::string out;
    for (std::size_t i = pick(12); i > 0; --i) out += kPieces[pick(std::size(kPieces))];
    return out;
  }

  Value value() {
    switch (pick(4)) {
      case 0:
        return text();
      case 1:
        return integer();
      case 2: {
        // Any finite double, from the whole range of exponents, must come back bit for bit.
        std::uniform_real_distribution<double> mantissa(-1.0, 1.0);
        return std::ldexp(mantissa(random_), static_cast<int>(pick(2000)) - 1000);
      }
      default:
        return coin();
    }
  }

  std::string field() {
    if (pick(4) == 0)
      return "attributes." + std::string(coin() ? "http.method" : "k") + std::to_string(pick(10));
    return std::string(tinkr::ir::kFields[pick(std::size(tinkr::ir::kFields))]);
  }

  Filter filter(int depth) {
    const std::size_t kind = depth >= 4 ? pick(2) : pick(6);
    switch (kind) {
      case 0: {
        const auto op = static_cast<Op>(pick(std::size(tinkr::ir::kOpNames)));
        std::vector<Value> values;
        if (op == Op::in) {
          for (std::size_t i = pick(4) + 1; i > 0; --i) values.push_back(value());
        } else if (op != Op::exists) {
          values.push_back(value());
        }
        return Filter::make_predicate(field(), op, std::move(values));
      }
      case 1:
        return Filter::make_text(text());
      case 2:
      case 3: {
        std::vector<Filter> children;
        for (std::size_t i = pick(3) + 2; i > 0; --i) children.push_back(filter(depth + 1));
        return kind == 2 ? Filter::make_and(std::move(children)) : Filter::make_or(std::move(children));
      }
      case 4:
        return Filter::make_not(filter(depth + 1));
      default:
        return Filter::all();
    }
  }

  std::mt19937 random_;
};

TEST(IrJson, FiveThousandRandomQueriesRoundTripExactly) {
  RandomIr generator(20261125);  // fixed: a failure is reproducible
  for (int i = 0; i < 5000; ++i) {
    const Query original = generator.query();
    const std::string json = tinkr::ir::to_json(original);
    auto parsed = tinkr::ir::parse_json(json);
    ASSERT_TRUE(parsed) << "query " << i << ": " << parsed.error().message() << "\n" << json;
    ASSERT_EQ(*parsed, original) << "query " << i << " changed in the round trip:\n"
                                 << json << "\n"
                                 << tinkr::ir::to_json(*parsed);
    ASSERT_EQ(tinkr::ir::to_json(*parsed), json) << "query " << i << ": the JSON is canonical";
  }
}

TEST(IrJson, DocumentedExampleReadsAsDescribed) {
  // The first example of docs/ir.md.
  auto query = tinkr::ir::parse_json(R"({"ir":1,"signal":"logs","service":"checkout",
    "time":{"from":1795597200000000000,"to":1795600800000000000},"limit":100,
    "filter":{"and":[{"field":"severity","op":"in","values":[17,21]},{"text":"connection timeout"},
                     {"not":{"text":"health check"}}]}})");
  ASSERT_TRUE(query) << query.error().message();
  EXPECT_EQ(query->signal, tinkr::ir::Signal::logs);
  EXPECT_EQ(query->service, "checkout");
  EXPECT_EQ(query->time.to_ns - query->time.from_ns, int64_t{3600} * 1'000'000'000);
  EXPECT_EQ(query->limit, 100);
  ASSERT_EQ(query->filter.kind, Filter::Kind::and_);
  EXPECT_EQ(query->filter.children[0].predicate.op, Op::in);
  EXPECT_EQ(query->filter.children[0].predicate.values, (std::vector<Value>{int64_t{17}, int64_t{21}}));
  EXPECT_EQ(query->filter.children[2].kind, Filter::Kind::not_);
  EXPECT_EQ(query->order, tinkr::ir::Order{}) << "order defaults to time, newest first";
}

TEST(IrJson, EveryMemberIsWrittenWithItsPunctuationInPlace) {
  // to_json spells its own commas, colons and brackets: one query using every member and every
  // kind of filter node and value pins them, byte for byte.
  Query q;
  q.signal = tinkr::ir::Signal::metrics;
  q.service = "checkout";
  q.resource_type = "aks";
  q.time = {1795597200000000000, -7};
  q.limit = 100;
  q.order = {"duration", false};
  q.filter = Filter::make_and({Filter::make_predicate("severity", Op::in, {int64_t{17}, int64_t{21}}),
                               Filter::make_or({Filter::make_text("say \"hi\"\n"), Filter::all()}),
                               Filter::make_not(Filter::make_predicate("attributes.ratio", Op::gt, {2.0})),
                               Filter::make_predicate("trace_id", Op::exists, {}),
                               Filter::make_predicate("attributes.ok", Op::eq, {true})});
  q.metrics.names = {"cpu", "memory"};
  q.metrics.aggregations = {tinkr::ir::Aggregation::avg, tinkr::ir::Aggregation::max};
  q.metrics.interval_ns = 60000000000;
  q.metrics.dimension_filter =
      Filter::make_predicate("dimensions.host", Op::startswith, {std::string("web")});
  q.metrics.group_by = {"host"};
  q.metrics.top = 5;
  q.trace_id = "abc";
  q.native_text = "AppTraces | take 1";
  EXPECT_EQ(
      tinkr::ir::to_json(q),
      R"({"ir":1,"signal":"metrics","service":"checkout","resource_type":"aks",)"
      R"("time":{"from":1795597200000000000,"to":-7},"limit":100,"order":{"field":"duration","desc":false},)"
      R"("filter":{"and":[{"field":"severity","op":"in","values":[17,21]},)"
      R"({"or":[{"text":"say \"hi\"\n"},{"all":true}]},{"not":{"field":"attributes.ratio","op":"gt","value":2.0}},)"
      R"({"field":"trace_id","op":"exists"},{"field":"attributes.ok","op":"eq","value":true}]},)"
      R"("metrics":{"names":["cpu","memory"],"aggregations":["avg","max"],"interval":60000000000,)"
      R"("filter":{"field":"dimensions.host","op":"startswith","value":"web"},"group_by":["host"],"top":5},)"
      R"("trace_id":"abc","native":"AppTraces | take 1"})");
  EXPECT_EQ(tinkr::ir::to_json(Query{}), R"({"ir":1,"signal":"logs","time":{"from":0,"to":0}})");
}

TEST(IrJson, FieldAliasesAreReadAsTheirCanonicalName) {
  auto query = tinkr::ir::parse_json(
      R"({"ir":1,"signal":"logs","filter":{"field":"message","op":"contains","value":"x"}})");
  ASSERT_TRUE(query) << query.error().message();
  EXPECT_EQ(query->filter.predicate.field, "body");
}

// Debian's RapidJSON 1.1.0 reads 0E0000200 as 7.8e56 at full precision (found by fuzz_ir_json).
TEST(IrJson, NumbersAreReadExactly) {
  auto value_of = [](const char* number) -> Value {
    auto query =
        tinkr::ir::parse_json(std::string(R"({"ir":1,"signal":"logs","filter":{"field":"duration",)") +
                              R"("op":"gt","value":)" + number + "}}");
    EXPECT_TRUE(query) << number << ": " << query.error().message();
    return query ? query->filter.predicate.values.at(0) : Value{};
  };
  EXPECT_EQ(value_of("0E0000200"), Value{0.0});
  EXPECT_TRUE(std::signbit(std::get<double>(value_of("-0.0e99"))));
  EXPECT_EQ(value_of("1e-400"), Value{0.0}) << "below the smallest double: zero, as in JavaScript";
  EXPECT_EQ(value_of("2.2250738585072011e-308"), Value{2.2250738585072011e-308});
  EXPECT_EQ(value_of("0.1"), Value{0.1});
  EXPECT_EQ(value_of("9007199254740993"), Value{int64_t{9007199254740993}}) << "integers stay integers";
  EXPECT_EQ(value_of("-9223372036854775808"), Value{std::numeric_limits<int64_t>::min()});
}

struct BadIr {
  const char* json;
  const char* message;
};

class BadIrTest : public ::testing::TestWithParam<BadIr> {};

TEST_P(BadIrTest, RefusedNamingWhatAndWhere) {
  auto query = tinkr::ir::parse_json(GetParam().json);
  ASSERT_FALSE(query) << GetParam().json;
  EXPECT_EQ(query.error().code(), tinkr::Error::Code::invalid_query);
  EXPECT_EQ(query.error().message(), GetParam().message);
}

const BadIr kBad[] = {
    {R"({"signal":"logs"})", "ir $: missing member 'ir' (the IR version)"},
    {R"({"ir":2,"signal":"logs"})", "ir $.ir: version 2 is not supported; this build reads version 1"},
    {R"({"ir":1,"signal":"profiles"})", "ir $.signal: unknown signal 'profiles'"},
    {R"({"ir":1,"signal":"logs","colour":1})", "ir $: unknown member 'colour'"},
    {R"({"ir":1,"signal":"logs","filter":{"field":"colour","op":"eq","value":1}})",
     "ir $.filter.field: unknown field 'colour'"},
    {R"({"ir":1,"signal":"logs","filter":{"and":[{"text":"a"},{"field":"body","op":"like","value":"x"}]}})",
     "ir $.filter.and[1].op: unknown operator 'like'"},
    {R"({"ir":1,"signal":"logs","filter":{"field":"body","op":"in","value":"x"}})",
     "ir $.filter: operator 'in' needs 'values', a non-empty array"},
    {R"({"ir":1,"signal":"logs","filter":{"field":"body","op":"exists","value":"x"}})",
     "ir $.filter: operator 'exists' takes no value"},
    {R"({"ir":1,"signal":"logs","filter":{"and":[{"text":"a"}]}})",
     "ir $.filter.and: expected an array of two or more filters"},
    {R"({"ir":1,"signal":"logs","limit":-1})", "ir $.limit: must not be negative"},
    {R"({"ir":1,"signal":"metrics","metrics":{"aggregations":["median"]}})",
     "ir $.metrics.aggregations: unknown aggregation 'median' (known: avg, min, max, sum, count, or a "
     "percentile pNN (p50, p95, p99.9))"},
    {R"({"ir":1,"signal":"metrics","metrics":{"aggregations":["p100"]}})",
     "ir $.metrics.aggregations: percentile 'p100' is not valid: pNN takes a rank above 0 and below 100, up "
     "to three decimals (p50, p95, p99.9)"},
    {R"({"ir":1,)", "ir at offset 8: Missing a name for object member."},
    {R"({"ir":1,"signal":"logs","limit":1e400})", "ir at offset 32: Number too big to be stored in double."},
    {R"({"ir":1,"signal":"logs","limit":1.8e308})",
     "ir at offset 32: Number too big to be stored in double."},
};
INSTANTIATE_TEST_SUITE_P(Strictness, BadIrTest, ::testing::ValuesIn(kBad));

}  // namespace
