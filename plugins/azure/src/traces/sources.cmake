# Trace search and span-tree assembly.
target_sources(tinkr_azure_impl PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/span_fields.cpp
  ${CMAKE_CURRENT_LIST_DIR}/span_tree.cpp
  ${CMAKE_CURRENT_LIST_DIR}/trace_rows.cpp)
