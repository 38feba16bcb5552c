# Metrics: names, resource resolution, the REST request and its answer.
target_sources(tinkr_azure_impl PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/catalog.cpp
  ${CMAKE_CURRENT_LIST_DIR}/lower_metrics.cpp
  ${CMAKE_CURRENT_LIST_DIR}/resource_resolver.cpp
  ${CMAKE_CURRENT_LIST_DIR}/decode_metrics.cpp
  ${CMAKE_CURRENT_LIST_DIR}/request_percentiles.cpp)
