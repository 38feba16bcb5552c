target_sources(tinkr_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/capabilities.cpp
  ${CMAKE_CURRENT_LIST_DIR}/plan.cpp
  ${CMAKE_CURRENT_LIST_DIR}/regex_cache.cpp
  ${CMAKE_CURRENT_LIST_DIR}/field_value.cpp
  ${CMAKE_CURRENT_LIST_DIR}/matches.cpp
  ${CMAKE_CURRENT_LIST_DIR}/metric_buckets.cpp
  ${CMAKE_CURRENT_LIST_DIR}/trace_summary_fields.cpp)
