# Pure parts of the hosts: shared JSON, error tables, the server's route() and auth, tail's memory.
if(TARGET tinkr_server_lib AND TARGET tinkr_cli_lib)
  tinkr_add_test(hosts_unit_test
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/hosts/common_test.cpp
            ${CMAKE_CURRENT_LIST_DIR}/hosts/route_test.cpp
            ${CMAKE_CURRENT_LIST_DIR}/hosts/auth_test.cpp
            ${CMAKE_CURRENT_LIST_DIR}/hosts/cli_parts_test.cpp
            ${CMAKE_CURRENT_LIST_DIR}/cli_output/fixed_records.cpp
    LIBRARIES tinkr_server_lib tinkr_cli_lib)
  target_include_directories(hosts_unit_test PRIVATE ${CMAKE_CURRENT_LIST_DIR}/cli_output)
endif()
