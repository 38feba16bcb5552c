# The core's analysis: the log template miner and the incident report's statistics.
tinkr_add_test(tinkr_analysis_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/analysis/template_miner_test.cpp
  LIBRARIES tinkr::core)
