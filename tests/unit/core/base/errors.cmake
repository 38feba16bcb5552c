# tinkr::Error's message cleaning (UTF-8, control characters, size), secret redaction, and code names.
tinkr_add_test(tinkr_errors_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/error_message_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/error_names_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/redact_test.cpp
  LIBRARIES tinkr::core)

# A dropped Expected is a compile-time warning (an error under -Werror): the test compiles a file that
# drops one and passes only when the compiler says so.
add_test(NAME ExpectedIsNodiscard
  COMMAND ${CMAKE_CXX_COMPILER} -std=c++20 -fsyntax-only -Wunused-result
          -I${PROJECT_SOURCE_DIR}/core/include -I${PROJECT_SOURCE_DIR}/sdk/include
          ${CMAKE_CURRENT_LIST_DIR}/dropped_expected.cpp)
set_tests_properties(ExpectedIsNodiscard PROPERTIES PASS_REGULAR_EXPRESSION "ignoring return(ed)? value")
