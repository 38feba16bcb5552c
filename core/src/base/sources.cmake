target_sources(tinkr_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/clock.cpp
  ${CMAKE_CURRENT_LIST_DIR}/error.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ir.cpp
  ${CMAKE_CURRENT_LIST_DIR}/json_writing.cpp
  ${CMAKE_CURRENT_LIST_DIR}/log.cpp
  ${CMAKE_CURRENT_LIST_DIR}/message_text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/redact.cpp
  ${CMAKE_CURRENT_LIST_DIR}/records.cpp)
