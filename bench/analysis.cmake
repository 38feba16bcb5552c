# The template miner's rate over realistic log lines (target: >= 1 million lines/s on one core).
#   build/release/bin/template_miner_bench [LINES]
add_executable(template_miner_bench ${CMAKE_CURRENT_LIST_DIR}/analysis/template_miner_bench.cpp)
target_link_libraries(template_miner_bench PRIVATE tinkr::core)
