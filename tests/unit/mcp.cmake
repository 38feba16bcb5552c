# The MCP layer without processes: JSON-RPC and both protocol eras, the tools against a fake backend
# (size cap, cursors, roles), the read-only guard of native queries, and the core's critical path.
if(TARGET tinkr_mcp)
  tinkr_add_test(mcp_unit_test
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/mcp/critical_path_test.cpp
            ${CMAKE_CURRENT_LIST_DIR}/mcp/native_guard_test.cpp
            ${CMAKE_CURRENT_LIST_DIR}/mcp/protocol_test.cpp
            ${CMAKE_CURRENT_LIST_DIR}/mcp/tools_test.cpp
    LIBRARIES tinkr_mcp)
endif()
