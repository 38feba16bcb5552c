# The planner: describe() capabilities, the pushed/residual split (and trace search's rule for fields
# a trace summary lacks), residual evaluation, and the sets capabilities are made of.
tinkr_add_test(tinkr_planner_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/capabilities_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/plan_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/trace_search_plan_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/matches_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/regex_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/capability_sets_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/metric_buckets_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/log_groups_plan_test.cpp
  LIBRARIES tinkr::core)
# settle_log_groups_plan is the engine's own check, tested through its private header.
target_include_directories(tinkr_planner_test PRIVATE ${PROJECT_SOURCE_DIR}/core/src)
