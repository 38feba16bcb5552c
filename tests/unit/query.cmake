# The query language: grammar, error messages, durations and times.
tinkr_add_test(tinkr_query_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/query/grammar_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/query/syntax_error_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/query/time_test.cpp
  LIBRARIES tinkr::core)
