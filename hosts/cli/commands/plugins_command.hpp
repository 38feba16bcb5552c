// tinkr plugins: every plugin found (name, version, ABI, capabilities) or why it did not load; with
// --server, the server's backend instead.
#pragma once

#include "command_runs.hpp"
#include "context.hpp"

#include <CLI/CLI.hpp>

namespace tinkr::cli {

struct PluginsOptions {};

void setup_plugins(CLI::App& app, Context& context, CommandRuns& runs);
int run_plugins(const PluginsOptions& options, Console& console, Backends& backends);

/// "logs,metrics,trace_search" from a describe() JSON; the parse error's message when it is invalid.
std::string capability_summary(const std::string& capabilities_json);

}  // namespace tinkr::cli
