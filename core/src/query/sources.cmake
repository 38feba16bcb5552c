target_sources(tinkr_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/duration.cpp
  ${CMAKE_CURRENT_LIST_DIR}/time.cpp
  ${CMAKE_CURRENT_LIST_DIR}/syntax_error.cpp
  ${CMAKE_CURRENT_LIST_DIR}/predicate_builder.cpp
  ${CMAKE_CURRENT_LIST_DIR}/parser.cpp)
