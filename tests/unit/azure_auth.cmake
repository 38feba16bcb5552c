# Unit tests of the Azure plugin's options, credentials, token cache, transport and backend class,
# against a fake tinkr_host (no sockets, no processes).
tinkr_add_test(azure_auth_unit_tests
  SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/azure_auth/authorizing_transport_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/azure_auth/azure_backend_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/azure_auth/credential_chain_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/azure_auth/credentials_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/azure_auth/key_vault_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/azure_auth/options_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/azure_auth/token_allow_list_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/azure_auth/token_cache_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/azure_auth/token_response_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/azure_auth/vectors.cpp
  LIBRARIES tinkr_azure_impl tinkr_core)
# The allow-list test compares the plugin's reading of a URL with the core client's (core/src/http/url.hpp).
target_include_directories(azure_auth_unit_tests PRIVATE ${PROJECT_SOURCE_DIR}/core/src)
