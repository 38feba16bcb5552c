// tinkr schema TABLE [--explain]: a table's columns (name and type) and its plan, as the profile's
// backend knows them (Azure: the workspace's metadata; local: the database's tables).
#pragma once

#include "command_runs.hpp"
#include "context.hpp"

#include <CLI/CLI.hpp>

namespace tinkr::cli {

void setup_schema(CLI::App& app, Context& context, CommandRuns& runs);

}  // namespace tinkr::cli
