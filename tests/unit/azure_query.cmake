# The Azure plugin's query path: golden request plans, decoding of every vector, span trees, run_query.
tinkr_add_test(azure_query_test
  SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/azure_query/plan_cases.cpp
    ${CMAKE_CURRENT_LIST_DIR}/azure_query/recording_sink.cpp
    ${CMAKE_CURRENT_LIST_DIR}/azure_query/lowering_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/azure_query/decode_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/azure_query/run_query_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/azure_query/stream_decode_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/azure_query/missing_role_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/azure_query/gzip_inflater_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/azure_query/percentiles_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/azure_query/slice_plan_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/azure_query/table_plan_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/azure_query/table_schema_test.cpp
  LIBRARIES tinkr_azure_impl Boost::headers ZLIB::ZLIB)
target_include_directories(azure_query_test PRIVATE ${CMAKE_CURRENT_LIST_DIR}/azure_query)
