# The HTTPS client (the core's host service) and the one translation unit that compiles Asio, its SSL
# layer and Beast, so that every other user (core, tests, the fake Azure, benchmarks) only includes
# headers and links tinkr_asio instead of compiling those libraries again.
add_library(tinkr_asio STATIC ${CMAKE_CURRENT_LIST_DIR}/asio_separate_compilation.cpp)
target_compile_definitions(tinkr_asio PUBLIC BOOST_ASIO_SEPARATE_COMPILATION BOOST_BEAST_SEPARATE_COMPILATION
  BOOST_ASIO_NO_DEPRECATED)
target_link_libraries(tinkr_asio PUBLIC Boost::headers OpenSSL::SSL OpenSSL::Crypto Threads::Threads)
set_target_properties(tinkr_asio PROPERTIES POSITION_INDEPENDENT_CODE ON)

target_link_libraries(tinkr_core PUBLIC tinkr_asio)
target_sources(tinkr_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/url.cpp
  ${CMAKE_CURRENT_LIST_DIR}/proxy.cpp
  ${CMAKE_CURRENT_LIST_DIR}/retry_policy.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tls_context.cpp
  ${CMAKE_CURRENT_LIST_DIR}/connection.cpp
  ${CMAKE_CURRENT_LIST_DIR}/connection_pool.cpp
  ${CMAKE_CURRENT_LIST_DIR}/connection_limit.cpp
  ${CMAKE_CURRENT_LIST_DIR}/attempts.cpp
  ${CMAKE_CURRENT_LIST_DIR}/client.cpp
  ${CMAKE_CURRENT_LIST_DIR}/host_bridge.cpp)
