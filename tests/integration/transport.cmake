# The HTTPS transport against the fake Azure over real sockets on 127.0.0.1.
tinkr_add_test(tinkr_integration_transport
  SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/transport/policy_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/transport/tls_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/transport/retry_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/transport/fault_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/transport/limit_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/transport/proxy_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/transport/bridge_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/transport/stream_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/transport/fake_azure_test.cpp
  LIBRARIES tinkr_core tinkr_fake_azure)
target_include_directories(tinkr_integration_transport PRIVATE ${PROJECT_SOURCE_DIR}/core/src)
