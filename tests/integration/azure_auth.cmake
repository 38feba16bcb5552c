# The Azure plugin's credentials and token cache through the core (registry, engine, HTTPS client)
# against the fake Azure on 127.0.0.1, and the Azure CLI credential's command runner with real processes.
tinkr_add_test(azure_auth_integration_tests
  SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/azure_auth/plugin_auth_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/azure_auth/process_runner_test.cpp
  LIBRARIES tinkr_core tinkr_fake_azure tinkr_azure_impl)
add_dependencies(azure_auth_integration_tests tinkr_plugin_azure)
