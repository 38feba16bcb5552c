# The IR's JSON form: random round trips, the documented examples, strict reading, and the writing
# byte for byte (integers, doubles, escaping, defaults left out).
tinkr_add_test(tinkr_ir_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/ir/ir_json_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/ir/to_json_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/ir/aggregation_test.cpp
  LIBRARIES tinkr::core)
