target_sources(tinkr_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/build_query.cpp
  ${CMAKE_CURRENT_LIST_DIR}/engine.cpp
  ${CMAKE_CURRENT_LIST_DIR}/health.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ingest_stream.cpp
  ${CMAKE_CURRENT_LIST_DIR}/paging.cpp
  ${CMAKE_CURRENT_LIST_DIR}/read_secret.cpp
  ${CMAKE_CURRENT_LIST_DIR}/record_copy.cpp
  ${CMAKE_CURRENT_LIST_DIR}/run.cpp
  ${CMAKE_CURRENT_LIST_DIR}/validate.cpp)
