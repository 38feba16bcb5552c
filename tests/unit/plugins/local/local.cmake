# The local SQLite backend: ingest, lowering, every signal, agreement with the core's residual
# evaluator, and the demo data. hosts/cli may already have added the demo generator.
if(NOT TARGET tinkr_demo_data)
  add_subdirectory(${PROJECT_SOURCE_DIR}/hosts/cli/demo_data ${PROJECT_BINARY_DIR}/hosts/cli/demo_data)
endif()

set(tinkr_local_test_dir ${CMAKE_CURRENT_LIST_DIR})
tinkr_add_test(local_backend_test
  SOURCES ${tinkr_local_test_dir}/ingest_test.cpp ${tinkr_local_test_dir}/query_test.cpp
          ${tinkr_local_test_dir}/explain_test.cpp ${tinkr_local_test_dir}/options_test.cpp
          ${tinkr_local_test_dir}/demo_test.cpp ${tinkr_local_test_dir}/ingest_stream_test.cpp
          ${tinkr_local_test_dir}/known_names_test.cpp ${tinkr_local_test_dir}/percentile_test.cpp
          ${tinkr_local_test_dir}/schema_test.cpp ${tinkr_local_test_dir}/log_groups_test.cpp
  LIBRARIES tinkr_local_impl tinkr_demo_data)

tinkr_add_test(local_agreement_test
  SOURCES ${tinkr_local_test_dir}/agreement_test.cpp
  LIBRARIES tinkr_local_impl tinkr::core)
