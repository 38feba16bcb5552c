# KQL literals, table mappings and the filter builder.
target_sources(tinkr_azure_impl PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/literal.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tables.cpp
  ${CMAKE_CURRENT_LIST_DIR}/filter.cpp
  ${CMAKE_CURRENT_LIST_DIR}/severity.cpp
  ${CMAKE_CURRENT_LIST_DIR}/scan.cpp)
