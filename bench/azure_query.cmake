# The Azure query path: decoding a 100,000-row AppTraces answer, and lowering the page's log query.
add_executable(azure_query_bench ${CMAKE_CURRENT_LIST_DIR}/azure_query/azure_query_bench.cpp)
target_link_libraries(azure_query_bench PRIVATE tinkr_azure_impl benchmark::benchmark)
