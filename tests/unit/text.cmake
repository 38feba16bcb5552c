# The shared ASCII case-insensitive comparison (tinkr/sdk/text.hpp, re-exported by tinkr/text.hpp).
tinkr_add_test(tinkr_text_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/text/text_test.cpp
  LIBRARIES tinkr::core)
