target_sources(tinkr_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/critical_path.cpp)
