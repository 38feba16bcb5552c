// tinkr config check: reads the configuration, selects the profile, opens its backend and asks it
// for its health; exits non-zero (with the error class's code) at the first problem.
#pragma once

#include "command_runs.hpp"
#include "context.hpp"

#include <CLI/CLI.hpp>

namespace tinkr::cli {

struct ConfigCheckOptions {};

void setup_config(CLI::App& app, Context& context, CommandRuns& runs);
int run_config_check(const ConfigCheckOptions& options, Console& console, Backends& backends);

}  // namespace tinkr::cli
