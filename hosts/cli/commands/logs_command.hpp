// tinkr logs SERVICE [QUERY] [--since 1h | --from T --to T] [--limit N] [--histogram] [--resource TYPE]
// [--explain]
#pragma once

#include "commands/cost_flags.hpp"

#include "command_runs.hpp"
#include "commands/time_flags.hpp"
#include "context.hpp"

#include <CLI/CLI.hpp>

namespace tinkr::cli {

struct LogsOptions {
  std::string service;
  std::string query;
  TimeFlags time;
  int64_t limit = 0;
  std::string resource;
  bool explain = false;
  bool histogram = false;
  CostFlags cost;
};

void setup_logs(CLI::App& app, Context& context, CommandRuns& runs);
int run_logs(const LogsOptions& options, const QueryEnv& env);

}  // namespace tinkr::cli
