# The local SQLite backend: ingest, lowering, every signal, agreement with the core's residual
# evaluator, and the demo data. hosts/cli may already have added the demo generator.
if(NOT TARGET tinkr_demo_data)
  add_subdirectory(${PROJECT_SOURCE_DIR}/hosts/cli/demo_data ${PROJECT_BINARY_DIR}/hosts/cli/demo_data)
endif()

tinkr_add_test(local_backend_test
  SOURCES local/ingest_test.cpp local/query_test.cpp local/explain_test.cpp local/options_test.cpp
          local/demo_test.cpp local/ingest_stream_test.cpp local/known_names_test.cpp
          local/percentile_test.cpp local/schema_test.cpp local/log_groups_test.cpp
  LIBRARIES tinkr_local_impl tinkr_demo_data)

tinkr_add_test(local_agreement_test
  SOURCES local/agreement_test.cpp
  LIBRARIES tinkr_local_impl tinkr::core)
