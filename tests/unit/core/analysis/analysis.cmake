# The core's analysis: the log template miner, the incident report's sections, Jaeger's critical path,
# and the report on the demo's hours through the local plugin (the truth tests of docs/incident.md).
if(NOT TARGET tinkr_demo_data)
  add_subdirectory(${PROJECT_SOURCE_DIR}/hosts/cli/demo_data ${PROJECT_BINARY_DIR}/hosts/cli/demo_data)
endif()
tinkr_add_test(tinkr_analysis_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/template_miner_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/incident_sections_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/critical_path_test.cpp
  LIBRARIES tinkr::core)
# The sections are tested on their own, through the core's private header.
target_include_directories(tinkr_analysis_test PRIVATE ${PROJECT_SOURCE_DIR}/core/src)
if(TARGET tinkr_plugin_local)
  tinkr_add_test(incident_report_test
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/incident_demo_test.cpp
    LIBRARIES tinkr::core tinkr_demo_data)
  add_dependencies(incident_report_test tinkr_plugin_local)
endif()
