# The MCP layer without processes: JSON-RPC and both protocol eras, the tools against a fake backend
# (size cap, cursors, roles), and the read-only guard of native queries (tools/).
if(TARGET tinkr_mcp)
  tinkr_add_test(mcp_unit_test
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/tools/native_guard_test.cpp
            ${CMAKE_CURRENT_LIST_DIR}/protocol_test.cpp
            ${CMAKE_CURRENT_LIST_DIR}/tools_test.cpp
    LIBRARIES tinkr_mcp)
endif()
