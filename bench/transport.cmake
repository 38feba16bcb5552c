# Per-request overhead of the HTTPS transport on loopback against the fake Azure (keep-alive).
add_executable(bench_transport ${CMAKE_CURRENT_LIST_DIR}/transport/bench_transport.cpp)
target_link_libraries(bench_transport PRIVATE tinkr_core tinkr_fake_azure benchmark::benchmark)
target_include_directories(bench_transport PRIVATE ${PROJECT_SOURCE_DIR}/core/src)
