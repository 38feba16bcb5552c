# Pure parts of the hosts, each in the folder of its subject: shared JSON and error tables (common/),
# the server's route(), auth, job runner and sessions over Beast's test stream (server/), tail's memory and the CLI's small parts (cli/).
if(TARGET tinkr_server_lib AND TARGET tinkr_cli_lib)
  tinkr_add_test(hosts_unit_test
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/common/common_test.cpp
            ${CMAKE_CURRENT_LIST_DIR}/common/json_reply_writer_test.cpp
            ${CMAKE_CURRENT_LIST_DIR}/common/record_line_test.cpp
            ${CMAKE_CURRENT_LIST_DIR}/common/row_writer_test.cpp
            ${CMAKE_CURRENT_LIST_DIR}/server/route_test.cpp
            ${CMAKE_CURRENT_LIST_DIR}/server/auth_test.cpp
            ${CMAKE_CURRENT_LIST_DIR}/server/job_runner_test.cpp
            ${CMAKE_CURRENT_LIST_DIR}/server/session_test.cpp
            ${CMAKE_CURRENT_LIST_DIR}/cli/cli_parts_test.cpp
            ${CMAKE_CURRENT_LIST_DIR}/cli/commands_test.cpp
            ${CMAKE_CURRENT_LIST_DIR}/cli/output/fixed_records.cpp
    LIBRARIES tinkr_server_lib tinkr_cli_lib)
  target_include_directories(hosts_unit_test PRIVATE ${CMAKE_CURRENT_LIST_DIR}/cli/output)
endif()
