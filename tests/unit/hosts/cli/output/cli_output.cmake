# The CLI's output formats and span tree on fixed records, against golden files
# (TINKR_UPDATE_GOLDEN=1 rewrites them).
if(TARGET tinkr_cli_lib)
  tinkr_add_test(cli_output_test
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/cli_output_test.cpp
            ${CMAKE_CURRENT_LIST_DIR}/fixed_records.cpp
            ${CMAKE_CURRENT_LIST_DIR}/golden.cpp
            ${CMAKE_CURRENT_LIST_DIR}/charts_test.cpp
            ${CMAKE_CURRENT_LIST_DIR}/log_histogram_test.cpp
            ${CMAKE_CURRENT_LIST_DIR}/typed_output_test.cpp
            ${CMAKE_CURRENT_LIST_DIR}/terminal_safety_test.cpp
            ${CMAKE_CURRENT_LIST_DIR}/incident_text_test.cpp
            ${CMAKE_CURRENT_LIST_DIR}/stdout_buffer_test.cpp
            ${CMAKE_CURRENT_LIST_DIR}/output_thread_test.cpp
    LIBRARIES tinkr_cli_lib)
endif()
