# The IR's JSON form (tinkr/sdk/ir_json.hpp): random round trips, the documented examples, strict
# reading, and the writing byte for byte (integers, doubles, escaping, defaults left out); and the
# aggregation names (tinkr/sdk/ir.hpp).
tinkr_add_test(tinkr_ir_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/ir_json_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/to_json_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/aggregation_test.cpp
  LIBRARIES tinkr::core)
