// MCP over stdio: newline-delimited JSON-RPC, one message a line on `in`, each reply one line on
// `out` (flushed at once); nothing else is written to `out` (logs go to stderr). Returns when `in`
// ends.
#pragma once

#include "mcp/server.hpp"

#include <istream>
#include <ostream>

namespace tinkr::mcp {

void run_stdio(Server& server, std::istream& in, std::ostream& out, const CancelSource& cancel);

}  // namespace tinkr::mcp
