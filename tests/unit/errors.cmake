# tinkr::Error's message cleaning (UTF-8, control characters, size), secret redaction, and code names.
tinkr_add_test(tinkr_errors_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/errors/error_message_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/errors/error_names_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/errors/redact_test.cpp
  LIBRARIES tinkr::core)
