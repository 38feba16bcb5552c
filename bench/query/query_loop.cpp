// BM_ParsePlanSerialise's body, N times (the first argument), for counting instructions: wall clock
// on a shared machine swings with the other load, an instruction count does not.
// scripts/count_query_instructions.sh runs it under callgrind for N and N + 10,000 and divides the
// difference, which cancels start-up.
#include "reference_query.hpp"

#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv) {
  const long iterations = argc > 1 ? std::atol(argv[1]) : 1000;
  const auto caps = tinkr::bench::azure_capabilities();
  const auto base = tinkr::bench::base_query();
  std::size_t bytes = 0;  // used, so that nothing is optimised away
  for (long i = 0; i < iterations; ++i)
    tinkr::bench::parse_plan_serialise(base, caps, [&bytes](tinkr::planner::Plan& plan, std::string& json) {
      bytes += json.size() + (plan.residual.is_all() ? 0 : 1);
    });
  std::printf("%ld iterations, %zu bytes of pushed IR\n", iterations, bytes);
}
