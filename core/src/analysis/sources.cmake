target_sources(tinkr_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/critical_path.cpp
  ${CMAKE_CURRENT_LIST_DIR}/message_masking.cpp
  ${CMAKE_CURRENT_LIST_DIR}/template_miner.cpp)
