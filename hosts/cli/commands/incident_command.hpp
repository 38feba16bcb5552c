// tinkr incident SERVICE [--since 1h | --from T --to T] [--baseline prev|24h] [--slow 1s] [--top N]
#pragma once

#include "command_runs.hpp"
#include "commands/time_flags.hpp"
#include "context.hpp"

#include <CLI/CLI.hpp>

namespace tinkr::cli {

void setup_incident(CLI::App& app, Context& context, CommandRuns& runs);

}  // namespace tinkr::cli
