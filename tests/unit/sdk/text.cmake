# The shared ASCII case-insensitive comparison (tinkr/sdk/text.hpp, re-exported by tinkr/text.hpp) and
# the one RFC 3339 parser and formatter (tinkr/sdk/rfc3339.hpp).
tinkr_add_test(tinkr_text_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/text_test.cpp ${CMAKE_CURRENT_LIST_DIR}/rfc3339_test.cpp
  LIBRARIES tinkr::core)
