// tinkr traces SERVICE [QUERY] [--slow 1s] [--failed] [time flags] [--limit N] [--explain]
#pragma once

#include "commands/cost_flags.hpp"

#include "command_runs.hpp"
#include "commands/time_flags.hpp"
#include "context.hpp"

#include <CLI/CLI.hpp>

namespace tinkr::cli {

struct TracesOptions {
  std::string service;
  std::string query;
  std::string slow;
  bool failed = false;
  int64_t limit = 0;
  std::string resource;
  TimeFlags time;
  bool explain = false;
  CostFlags cost;
};

void setup_traces(CLI::App& app, Context& context, CommandRuns& runs);
int run_traces(const TracesOptions& options, const QueryEnv& env);

}  // namespace tinkr::cli
