target_sources(tinkr_azure_impl PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/cloud.cpp
  ${CMAKE_CURRENT_LIST_DIR}/environment.cpp
  ${CMAKE_CURRENT_LIST_DIR}/options.cpp
  ${CMAKE_CURRENT_LIST_DIR}/url.cpp)
