# The planner: describe() capabilities, the pushed/residual split (and trace search's rule for fields
# a trace summary lacks), residual evaluation, and the sets capabilities are made of.
tinkr_add_test(tinkr_planner_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/planner/capabilities_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/planner/plan_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/planner/trace_search_plan_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/planner/matches_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/planner/regex_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/planner/capability_sets_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/planner/metric_buckets_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/planner/log_groups_plan_test.cpp
  LIBRARIES tinkr::core)
# settle_log_groups_plan is the engine's own check, tested through its private header.
target_include_directories(tinkr_planner_test PRIVATE ${PROJECT_SOURCE_DIR}/core/src)
