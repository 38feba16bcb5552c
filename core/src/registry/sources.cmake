target_sources(tinkr_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/host_services.cpp
  ${CMAKE_CURRENT_LIST_DIR}/plugin_call.cpp
  ${CMAKE_CURRENT_LIST_DIR}/plugin_loader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/registry.cpp
  ${CMAKE_CURRENT_LIST_DIR}/search_path.cpp)
