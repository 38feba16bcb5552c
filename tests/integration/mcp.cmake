# The MCP server driven by the official TypeScript SDK client (node + @modelcontextprotocol/sdk, installed
# by scripts/kql-deps.sh tests/mcp from tests/mcp/package-lock.json; the tests skip themselves without it).
if(TARGET tinkr AND TARGET tinkr-server AND TARGET tinkr_plugin_local AND TARGET tinkr_plugin_azure)
  tinkr_add_test(mcp_client_test
    SOURCES ${PROJECT_SOURCE_DIR}/tests/mcp/mcp_client_test.cpp
            ${PROJECT_SOURCE_DIR}/tests/integration/hosts/process.cpp
    LIBRARIES tinkr_fake_azure)
  target_include_directories(mcp_client_test PRIVATE ${PROJECT_SOURCE_DIR}/tests/integration/hosts)
  target_compile_definitions(mcp_client_test PRIVATE
    TINKR_CLI_PATH="$<TARGET_FILE:tinkr>"
    TINKR_SERVER_PATH="$<TARGET_FILE:tinkr-server>")
  add_dependencies(mcp_client_test tinkr tinkr-server tinkr_plugin_local tinkr_plugin_azure)
endif()
