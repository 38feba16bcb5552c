# The query language: grammar, error messages, durations and times.
tinkr_add_test(tinkr_query_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/grammar_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/syntax_error_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/time_test.cpp
  LIBRARIES tinkr::core)
