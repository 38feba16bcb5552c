target_sources(tinkr_azure_impl PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/azure_cli_credential.cpp
  ${CMAKE_CURRENT_LIST_DIR}/credential_chain.cpp
  ${CMAKE_CURRENT_LIST_DIR}/entra_token_client.cpp
  ${CMAKE_CURRENT_LIST_DIR}/environment_credential.cpp
  ${CMAKE_CURRENT_LIST_DIR}/managed_identity_credential.cpp
  ${CMAKE_CURRENT_LIST_DIR}/process_runner.cpp
  ${CMAKE_CURRENT_LIST_DIR}/token_cache.cpp
  ${CMAKE_CURRENT_LIST_DIR}/token_response.cpp
  ${CMAKE_CURRENT_LIST_DIR}/workload_identity_credential.cpp)
