target_sources(tinkr_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/environment.cpp
  ${CMAKE_CURRENT_LIST_DIR}/toml_document.cpp
  ${CMAKE_CURRENT_LIST_DIR}/yaml_document.cpp
  ${CMAKE_CURRENT_LIST_DIR}/schema.cpp
  ${CMAKE_CURRENT_LIST_DIR}/load.cpp
  ${CMAKE_CURRENT_LIST_DIR}/select_profile.cpp)
