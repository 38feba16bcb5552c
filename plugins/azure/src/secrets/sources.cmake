target_sources(tinkr_azure_impl PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/key_vault.cpp
  ${CMAKE_CURRENT_LIST_DIR}/key_vault_uri.cpp)
