target_sources(tinkr_azure_impl PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/authorizing_transport.cpp
  ${CMAKE_CURRENT_LIST_DIR}/azure_backend.cpp
  ${CMAKE_CURRENT_LIST_DIR}/describe.cpp
  ${CMAKE_CURRENT_LIST_DIR}/doctor.cpp
  ${CMAKE_CURRENT_LIST_DIR}/host_answer.cpp)
