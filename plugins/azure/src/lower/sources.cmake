# Lowering IR to request plans and running them.
target_sources(tinkr_azure_impl PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/log_analytics_plan.cpp
  ${CMAKE_CURRENT_LIST_DIR}/lower_logs.cpp
  ${CMAKE_CURRENT_LIST_DIR}/lower_traces.cpp
  ${CMAKE_CURRENT_LIST_DIR}/read_answer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/run_query.cpp
  ${CMAKE_CURRENT_LIST_DIR}/service_check.cpp
  ${CMAKE_CURRENT_LIST_DIR}/query_cost.cpp
  ${CMAKE_CURRENT_LIST_DIR}/slice_plan.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sliced_logs.cpp
  ${CMAKE_CURRENT_LIST_DIR}/table_plan.cpp
  ${CMAKE_CURRENT_LIST_DIR}/table_schema.cpp
  ${CMAKE_CURRENT_LIST_DIR}/capabilities.cpp)
