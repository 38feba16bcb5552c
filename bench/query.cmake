# Parse + plan + serialise the IR of the issue's reference query (target: median <= 2 us).
#   bench_query --benchmark_repetitions=10 --benchmark_report_aggregates_only=true
add_executable(bench_query ${CMAKE_CURRENT_LIST_DIR}/query/bench_query.cpp)
target_link_libraries(bench_query PRIVATE tinkr::core benchmark::benchmark)

# The same body in a plain loop, for instruction counts: scripts/count_query_instructions.sh.
add_executable(query_loop ${CMAKE_CURRENT_LIST_DIR}/query/query_loop.cpp)
target_link_libraries(query_loop PRIVATE tinkr::core)
