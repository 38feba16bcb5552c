// The query path before any I/O: parse the query text, plan it for a backend, serialise the pushed IR.
// The target is a median of at most 2 us for the whole chain on the reference query (issue 19 raised
// it from 1 us so that the planner and the IR's JSON could be plain code on RapidJSON's Writer; the
// original Python parses and lowers it in about 23 us). The stages are measured apart as well, to
// show where the time goes. query_loop.cpp runs the same body for instruction counts.
#include "reference_query.hpp"

#include <benchmark/benchmark.h>

namespace {

using tinkr::bench::azure_capabilities;
using tinkr::bench::base_query;
using tinkr::bench::kReferenceQuery;

void BM_ParsePlanSerialise(benchmark::State& state) {
  const auto caps = azure_capabilities();
  const auto base = base_query();
  for (auto _ : state) {
    tinkr::bench::parse_plan_serialise(base, caps, [](tinkr::planner::Plan& plan, std::string& json) {
      benchmark::DoNotOptimize(json);
      benchmark::DoNotOptimize(plan.residual);
    });
  }
}
BENCHMARK(BM_ParsePlanSerialise);

void BM_Parse(benchmark::State& state) {
  for (auto _ : state) {
    auto filter = tinkr::query::parse_filter(kReferenceQuery, 0);
    benchmark::DoNotOptimize(filter);
  }
}
BENCHMARK(BM_Parse);

void BM_Plan(benchmark::State& state) {
  const auto caps = azure_capabilities();
  tinkr::ir::Query query = base_query();
  query.filter = *tinkr::query::parse_filter(kReferenceQuery, 0);
  for (auto _ : state) {
    auto plan = tinkr::planner::plan(query, caps);
    benchmark::DoNotOptimize(plan);
  }
}
BENCHMARK(BM_Plan);

void BM_Serialise(benchmark::State& state) {
  tinkr::ir::Query query = base_query();
  query.filter = *tinkr::query::parse_filter(kReferenceQuery, 0);
  for (auto _ : state) {
    std::string json = tinkr::ir::to_json(query);
    benchmark::DoNotOptimize(json);
  }
}
BENCHMARK(BM_Serialise);

}  // namespace

BENCHMARK_MAIN();
