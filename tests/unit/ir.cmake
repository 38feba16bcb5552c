# The IR's JSON form: random round trips, the documented examples, strict reading, and the writer's
# fast paths (integers, escaping).
tinkr_add_test(tinkr_ir_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/ir/ir_json_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/ir/json_writer_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/ir/aggregation_test.cpp
  LIBRARIES tinkr::core)
