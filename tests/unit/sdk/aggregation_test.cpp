// Aggregation names: the fixed ones and percentiles (pNN), as every front end reads them (the IR's
// JSON, the CLI's --agg, the server's and the MCP tool's arguments all go through these functions).
#include <tinkr/ir.hpp>

#include <gtest/gtest.h>

namespace {

using tinkr::ir::Aggregation;
using tinkr::ir::aggregation_from_string;

TEST(AggregationNames, PercentilesParseToTheirRankAndPrintBack) {
  for (const auto& [text, thousandths] : std::vector<std::pair<std::string, int32_t>>{{"p50", 50'000},
                                                                                      {"p90", 90'000},
                                                                                      {"p95", 95'000},
                                                                                      {"p99", 99'000},
                                                                                      {"p1", 1'000},
                                                                                      {"p99.9", 99'900},
                                                                                      {"p99.99", 99'990},
                                                                                      {"p0.5", 500},
                                                                                      {"p99.999", 99'999}}) {
    auto a = aggregation_from_string(text);
    ASSERT_TRUE(a) << text;
    EXPECT_TRUE(a->is_percentile()) << text;
    EXPECT_EQ(a->rank_thousandths, thousandths) << text;
    EXPECT_EQ(tinkr::ir::to_string(*a), text);
  }
  // Another spelling of the same rank is the same aggregation, printed one way.
  EXPECT_EQ(aggregation_from_string("p05"), aggregation_from_string("p5"));
  EXPECT_EQ(tinkr::ir::to_string(*aggregation_from_string("p99.90")), "p99.9");
  EXPECT_DOUBLE_EQ(aggregation_from_string("p99.9")->rank(), 99.9);
}

TEST(AggregationNames, FixedNamesAreUnchanged) {
  EXPECT_EQ(aggregation_from_string("avg"), Aggregation(Aggregation::avg));
  EXPECT_EQ(aggregation_from_string("count"), Aggregation(Aggregation::count));
  EXPECT_NE(aggregation_from_string("max"), aggregation_from_string("p100"));
  EXPECT_EQ(tinkr::ir::to_string(Aggregation::sum), "sum");
}

TEST(AggregationNames, InvalidPercentilesAreRefusedWithTheRule) {
  for (const char* bad : {"p0", "p100", "p100.0", "pfoo", "p", "p-5", "p9.", "p.5", "p99.9999", "p123", "P95",
                          "p95 ", "p 95", "p1e1"}) {
    EXPECT_FALSE(aggregation_from_string(bad)) << bad;
  }
  EXPECT_EQ(tinkr::ir::bad_aggregation_message("p100"),
            "percentile 'p100' is not valid: pNN takes a rank above 0 and below 100, up to three decimals "
            "(p50, p95, p99.9)");
  EXPECT_EQ(tinkr::ir::bad_aggregation_message("median"),
            "unknown aggregation 'median' (known: avg, min, max, sum, count, or a percentile pNN (p50, p95, "
            "p99.9))");
}

TEST(AggregationNames, PercentilesCrossTheIrJsonUnchanged) {
  tinkr::ir::Query q;
  q.signal = tinkr::ir::Signal::metrics;
  q.metrics.names = {"http.server.duration"};
  q.metrics.aggregations = {*aggregation_from_string("p95"), Aggregation::avg,
                            *aggregation_from_string("p99.9")};
  const std::string json = tinkr::ir::to_json(q);
  EXPECT_NE(json.find(R"("aggregations":["p95","avg","p99.9"])"), std::string::npos) << json;
  auto back = tinkr::ir::parse_json(json);
  ASSERT_TRUE(back) << back.error().message();
  EXPECT_EQ(*back, q);
}

}  // namespace
