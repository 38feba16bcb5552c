# Unit tests of the Azure plugin's options, credentials, token cache, transport and backend class,
# against a fake tinkr_host (no sockets, no processes). They sit in the folders of their subjects
# (auth/, backend/, common/, secrets/); the fake host and the vectors' reader are shared, here.
tinkr_add_test(azure_auth_unit_tests
  SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/auth/credential_chain_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/auth/credentials_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/auth/token_cache_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/auth/token_response_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/backend/authorizing_transport_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/backend/azure_backend_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/backend/token_allow_list_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/common/options_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/secrets/key_vault_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/vectors.cpp
  LIBRARIES tinkr_azure_impl tinkr_core)
# The allow-list test compares the plugin's reading of a URL with the core client's (core/src/http/url.hpp).
target_include_directories(azure_auth_unit_tests PRIVATE ${CMAKE_CURRENT_LIST_DIR}
                                                         ${PROJECT_SOURCE_DIR}/core/src)
