# The local backend's figures: OTLP/JSON log ingest rate, and the `tinkr logs payments-api
# 'level>=error'` query over an hour with a million log records stored.
add_executable(local_bench local/local_bench.cpp)
target_link_libraries(local_bench PRIVATE tinkr_local_impl benchmark::benchmark)
