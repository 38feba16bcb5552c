# The CLI's output formats and span tree on fixed records, against golden files
# (TINKR_UPDATE_GOLDEN=1 rewrites them).
if(TARGET tinkr_cli_lib)
  tinkr_add_test(cli_output_test
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/cli_output/cli_output_test.cpp
            ${CMAKE_CURRENT_LIST_DIR}/cli_output/fixed_records.cpp
            ${CMAKE_CURRENT_LIST_DIR}/cli_output/golden.cpp
            ${CMAKE_CURRENT_LIST_DIR}/cli_output/charts_test.cpp
            ${CMAKE_CURRENT_LIST_DIR}/cli_output/log_histogram_test.cpp
            ${CMAKE_CURRENT_LIST_DIR}/cli_output/typed_output_test.cpp
            ${CMAKE_CURRENT_LIST_DIR}/cli_output/terminal_safety_test.cpp
            ${CMAKE_CURRENT_LIST_DIR}/cli_output/incident_text_test.cpp
            ${CMAKE_CURRENT_LIST_DIR}/cli_output/stdout_buffer_test.cpp
    LIBRARIES tinkr_cli_lib)
endif()
