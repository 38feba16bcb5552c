// tinkr profiles: the configured profiles, the one a query would use, and where each came from.
#pragma once

#include "command_runs.hpp"
#include "context.hpp"

#include <CLI/CLI.hpp>

namespace tinkr::cli {

struct ProfilesOptions {};

void setup_profiles(CLI::App& app, Context& context, CommandRuns& runs);
int run_profiles(const ProfilesOptions& options, Console& console, const OpenOptions& open);

}  // namespace tinkr::cli
