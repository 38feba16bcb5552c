target_sources(tinkr_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/critical_path.cpp
  ${CMAKE_CURRENT_LIST_DIR}/incident_examples.cpp
  ${CMAKE_CURRENT_LIST_DIR}/incident_json.cpp
  ${CMAKE_CURRENT_LIST_DIR}/incident_json_read.cpp
  ${CMAKE_CURRENT_LIST_DIR}/incident_log_groups.cpp
  ${CMAKE_CURRENT_LIST_DIR}/incident_operations.cpp
  ${CMAKE_CURRENT_LIST_DIR}/incident_patterns.cpp
  ${CMAKE_CURRENT_LIST_DIR}/incident_report.cpp
  ${CMAKE_CURRENT_LIST_DIR}/incident_shifts.cpp
  ${CMAKE_CURRENT_LIST_DIR}/message_masking.cpp
  ${CMAKE_CURRENT_LIST_DIR}/robust_stats.cpp
  ${CMAKE_CURRENT_LIST_DIR}/span_events.cpp
  ${CMAKE_CURRENT_LIST_DIR}/template_miner.cpp)
