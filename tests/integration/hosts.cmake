# The hosts over real sockets on 127.0.0.1: tinkr-server in-process and as a binary, the tinkr CLI
# as a binary (locally and through a server), and the embedding example. Backend: the mock plugin.
if(TARGET tinkr_server_lib AND TARGET tinkr AND TARGET tinkr-server AND TARGET tinkr-embed-example
   AND TARGET tinkr_plugin_mock)
  tinkr_add_test(hosts_integration_test
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/hosts/process.cpp
            ${CMAKE_CURRENT_LIST_DIR}/hosts/server_fixture.cpp
            ${CMAKE_CURRENT_LIST_DIR}/hosts/server_test.cpp
            ${CMAKE_CURRENT_LIST_DIR}/hosts/server_limits_test.cpp
            ${CMAKE_CURRENT_LIST_DIR}/hosts/explorer_test.cpp
            ${CMAKE_CURRENT_LIST_DIR}/hosts/cli_test.cpp
            ${CMAKE_CURRENT_LIST_DIR}/hosts/local_store_test.cpp
            ${CMAKE_CURRENT_LIST_DIR}/hosts/demo_home.cpp
            ${CMAKE_CURRENT_LIST_DIR}/hosts/incident_test.cpp
            ${CMAKE_CURRENT_LIST_DIR}/hosts/output_test.cpp
            ${CMAKE_CURRENT_LIST_DIR}/hosts/canned_reply_server.cpp
    LIBRARIES tinkr_server_lib tinkr_host_http)
  target_compile_definitions(hosts_integration_test PRIVATE
    TINKR_CLI_PATH="$<TARGET_FILE:tinkr>"
    TINKR_SERVER_PATH="$<TARGET_FILE:tinkr-server>"
    TINKR_EMBED_PATH="$<TARGET_FILE:tinkr-embed-example>")
  add_dependencies(hosts_integration_test tinkr tinkr-server tinkr-embed-example tinkr_plugin_mock)
endif()
if(TARGET hosts_integration_test AND TARGET tinkr_plugin_local)
  target_compile_definitions(hosts_integration_test PRIVATE TINKR_HAVE_LOCAL_PLUGIN=1)
  add_dependencies(hosts_integration_test tinkr_plugin_local)
endif()
# The charts in a real terminal: tmux (scripts/setup.sh installs it) runs tinkr over the demo data.
find_program(TINKR_TMUX tmux)
if(TARGET tinkr AND TARGET tinkr_plugin_local AND TINKR_TMUX)
  tinkr_add_test(hosts_terminal_test
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/hosts/process.cpp
            ${CMAKE_CURRENT_LIST_DIR}/hosts/demo_home.cpp
            ${CMAKE_CURRENT_LIST_DIR}/hosts/terminal_test.cpp)
  target_compile_definitions(hosts_terminal_test PRIVATE
    TINKR_CLI_PATH="$<TARGET_FILE:tinkr>" TINKR_TMUX_PATH="${TINKR_TMUX}" TINKR_HAVE_LOCAL_PLUGIN=1)
  add_dependencies(hosts_terminal_test tinkr tinkr_plugin_local)
elseif(NOT TINKR_TMUX)
  message(WARNING "tmux not found: hosts_terminal_test (the charts in a real terminal) is not built; "
                  "scripts/setup.sh installs it")
endif()
# Canary secrets through every command and route that prints (the azure plugin on the fake Azure).
if(TARGET hosts_integration_test AND TARGET tinkr_plugin_azure AND TARGET tinkr_fake_azure)
  tinkr_add_test(hosts_secrets_test
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/hosts/process.cpp
            ${CMAKE_CURRENT_LIST_DIR}/hosts/secrets_test.cpp
    LIBRARIES tinkr_server_lib tinkr_host_http tinkr_fake_azure)
  target_compile_definitions(hosts_secrets_test PRIVATE
    TINKR_CLI_PATH="$<TARGET_FILE:tinkr>"
    TINKR_SERVER_PATH="$<TARGET_FILE:tinkr-server>")
  add_dependencies(hosts_secrets_test tinkr tinkr-server tinkr_plugin_azure)
endif()
# tinkr-server reading its API keys from a Key Vault secret (the azure plugin, the fake Azure behind
# a CONNECT proxy that routes the vault's host name to it).
if(TARGET hosts_integration_test AND TARGET tinkr_plugin_azure AND TARGET tinkr_fake_azure)
  tinkr_add_test(hosts_keyvault_test
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/hosts/process.cpp
            ${CMAKE_CURRENT_LIST_DIR}/hosts/keyvault_test.cpp
    LIBRARIES tinkr_server_lib tinkr_host_http tinkr_fake_azure)
  target_compile_definitions(hosts_keyvault_test PRIVATE TINKR_SERVER_PATH="$<TARGET_FILE:tinkr-server>")
  add_dependencies(hosts_keyvault_test tinkr-server tinkr_plugin_azure)
endif()
