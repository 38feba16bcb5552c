# The IR's JSON form: random round trips, the documented examples, and strict reading.
tinkr_add_test(tinkr_ir_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/ir/ir_json_test.cpp
  LIBRARIES tinkr::core)
