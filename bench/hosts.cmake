# tinkr-server throughput, latency and memory under wrk (bench/hosts/run_server_bench.sh), and the same
# load side by side with a bare Beast server answering the same body (bench/hosts/server_vs_bare.sh).
# Not Google Benchmarks: the load generator is wrk over 127.0.0.1. Run: cmake --build B --target
# bench_hosts_server or bench_hosts_server_vs_bare (best on a Release build).
add_executable(bare_beast_server ${CMAKE_CURRENT_LIST_DIR}/hosts/bare_beast_server.cpp)
target_link_libraries(bare_beast_server PRIVATE tinkr_asio Threads::Threads)
if(TARGET tinkr-server AND TARGET tinkr_plugin_mock)
  add_custom_target(bench_hosts_server
    COMMAND ${CMAKE_CURRENT_LIST_DIR}/hosts/run_server_bench.sh $<TARGET_FILE:tinkr-server> ${TINKR_PLUGIN_OUTPUT_DIR} 60
    DEPENDS tinkr-server tinkr_plugin_mock
    USES_TERMINAL
    COMMENT "tinkr-server under wrk for 60 s")
  add_custom_target(bench_hosts_server_vs_bare
    COMMAND ${CMAKE_CURRENT_LIST_DIR}/hosts/server_vs_bare.sh $<TARGET_FILE:tinkr-server>
            ${TINKR_PLUGIN_OUTPUT_DIR} $<TARGET_FILE:bare_beast_server>
    DEPENDS tinkr-server tinkr_plugin_mock bare_beast_server
    USES_TERMINAL
    COMMENT "tinkr-server and a bare Beast server under wrk, A B A B")
endif()
