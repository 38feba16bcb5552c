# Decoding Log Analytics answers and Azure errors.
target_sources(tinkr_azure_impl PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/cell.cpp
  ${CMAKE_CURRENT_LIST_DIR}/gzip_inflater.cpp
  ${CMAKE_CURRENT_LIST_DIR}/content_encoding.cpp
  ${CMAKE_CURRENT_LIST_DIR}/body_batches.cpp
  ${CMAKE_CURRENT_LIST_DIR}/table_reader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/azure_error.cpp
  ${CMAKE_CURRENT_LIST_DIR}/missing_role.cpp
  ${CMAKE_CURRENT_LIST_DIR}/log_groups.cpp
  ${CMAKE_CURRENT_LIST_DIR}/log_records.cpp
  ${CMAKE_CURRENT_LIST_DIR}/native_rows.cpp)
target_link_libraries(tinkr_azure_impl PRIVATE ZLIB::ZLIB)
