# The hosts' and the core's JSON writer (tinkr/json_writing.hpp): the same text as rapidjson's own.
tinkr_add_test(tinkr_json_writing_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/json_writer_test.cpp
  LIBRARIES tinkr::core)
