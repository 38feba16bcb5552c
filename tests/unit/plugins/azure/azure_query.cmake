# The Azure plugin's query path, in the folders of their subjects: golden request plans and run_query
# (lower/), decoding of every vector (decode/), percentiles (metrics/). The plan cases and the recording
# sink are shared, here (tests/kql uses the plan cases too).
tinkr_add_test(azure_query_test
  SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/plan_cases.cpp
    ${CMAKE_CURRENT_LIST_DIR}/recording_sink.cpp
    ${CMAKE_CURRENT_LIST_DIR}/lower/lowering_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/decode/decode_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/lower/run_query_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/decode/stream_decode_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/decode/missing_role_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/decode/gzip_inflater_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/metrics/percentiles_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/lower/slice_plan_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/lower/table_plan_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/lower/table_schema_test.cpp
  LIBRARIES tinkr_azure_impl Boost::headers ZLIB::ZLIB)
target_include_directories(azure_query_test PRIVATE ${CMAKE_CURRENT_LIST_DIR})
