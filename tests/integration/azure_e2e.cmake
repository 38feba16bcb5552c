# The Azure backend end to end: query text -> the core's engine -> the azure plugin -> the real HTTPS
# client -> the fake Azure on 127.0.0.1, and back to records (logs, residual filters, traces, metrics,
# faults).
tinkr_add_test(azure_e2e_integration_tests
  SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/azure_e2e/logs_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/azure_e2e/traces_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/azure_e2e/metrics_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/azure_e2e/percentiles_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/azure_e2e/faults_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/azure_e2e/streaming_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/azure_e2e/malformed_data_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/azure_e2e/roles_doctor_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/azure_e2e/tail_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/azure_e2e/gzip_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/azure_e2e/slicing_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/azure_e2e/incident_test.cpp
  LIBRARIES tinkr::core tinkr_cli_lib tinkr_fake_azure PkgConfig::RE2)
add_dependencies(azure_e2e_integration_tests tinkr_plugin_azure)
# The tinkr binary against the fake Azure (output formats, partial answers).
if(TARGET tinkr)
  target_sources(azure_e2e_integration_tests PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/azure_e2e/cli_output_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/azure_e2e/basic_tables_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/hosts/process.cpp)
  target_compile_definitions(azure_e2e_integration_tests PRIVATE TINKR_CLI_PATH="$<TARGET_FILE:tinkr>")
  add_dependencies(azure_e2e_integration_tests tinkr)
endif()
if(TARGET tinkr-server AND TARGET tinkr)
  target_compile_definitions(azure_e2e_integration_tests PRIVATE TINKR_SERVER_PATH="$<TARGET_FILE:tinkr-server>")
  add_dependencies(azure_e2e_integration_tests tinkr-server)
endif()
target_include_directories(azure_e2e_integration_tests SYSTEM PRIVATE ${RAPIDJSON_INCLUDE_DIRS})
