// tinkr mcp: an MCP server on stdio (newline-delimited JSON-RPC on stdout, logs on stderr) over the
// profile's backend, for AI agents; it exits when stdin closes. docs/mcp.md shows how to register it.
#pragma once

#include "command_runs.hpp"
#include "context.hpp"

#include <CLI/CLI.hpp>

namespace tinkr::cli {

struct McpOptions {
  std::size_t max_result_bytes = 64 * 1024;
  int64_t max_records = 10'000;
};

void setup_mcp(CLI::App& app, Context& context, CommandRuns& runs);
int run_mcp(const McpOptions& options, Console& console, Backends& backends, const CancelSource& cancel);

}  // namespace tinkr::cli
