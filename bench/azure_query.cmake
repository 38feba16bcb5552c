# The Azure query path: decoding a 100,000-row AppTraces answer, and lowering the page's log query.
add_executable(azure_query_bench ${CMAKE_CURRENT_LIST_DIR}/azure_query/azure_query_bench.cpp)
target_link_libraries(azure_query_bench PRIVATE tinkr_azure_impl benchmark::benchmark)

# The same answer end to end: engine -> azure plugin (the shared library) -> HTTPS on 127.0.0.1 -> the
# fake Azure (needs the test tier that builds it).
if(TARGET tinkr_fake_azure)
  add_executable(azure_stream_bench ${CMAKE_CURRENT_LIST_DIR}/azure_query/azure_stream_bench.cpp)
  target_link_libraries(azure_stream_bench PRIVATE tinkr::core tinkr_fake_azure benchmark::benchmark)
  target_compile_definitions(azure_stream_bench PRIVATE TINKR_PLUGIN_DIR="${TINKR_PLUGIN_OUTPUT_DIR}")
  add_dependencies(azure_stream_bench tinkr_plugin_azure)
endif()

# The fake Log Analytics as a process of its own, serving that answer plain or gzip (bench/real_link.sh
# runs it in a rate-limited network namespace).
if(TARGET tinkr_fake_azure)
  add_executable(fake_log_analytics_serve ${CMAKE_CURRENT_LIST_DIR}/azure_query/fake_log_analytics_serve.cpp)
  target_link_libraries(fake_log_analytics_serve PRIVATE tinkr_fake_azure)
endif()
