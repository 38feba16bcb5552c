# tinkr-server throughput, latency and memory under wrk (bench/hosts/run_server_bench.sh). Not a
# Google Benchmark: the load generator is wrk over 127.0.0.1. Run: cmake --build B --target
# bench_hosts_server (best on a Release build).
if(TARGET tinkr-server AND TARGET tinkr_plugin_mock)
  add_custom_target(bench_hosts_server
    COMMAND ${CMAKE_CURRENT_LIST_DIR}/hosts/run_server_bench.sh $<TARGET_FILE:tinkr-server> ${TINKR_PLUGIN_OUTPUT_DIR} 60
    DEPENDS tinkr-server tinkr_plugin_mock
    USES_TERMINAL
    COMMENT "tinkr-server under wrk for 60 s")
endif()
