// tinkr query --native 'KQL…' | tinkr query --signal logs --service S 'level>=warn'  [--explain]
#pragma once

#include "commands/cost_flags.hpp"

#include "command_runs.hpp"
#include "commands/time_flags.hpp"
#include "context.hpp"

#include <CLI/CLI.hpp>

namespace tinkr::cli {

struct QueryOptions {
  std::string native;
  std::string text;
  std::string signal = "logs";
  std::string service;
  int64_t limit = 0;
  TimeFlags time;
  bool explain = false;
  CostFlags cost;
};

void setup_query(CLI::App& app, Context& context, CommandRuns& runs);
int run_query(const QueryOptions& options, const QueryEnv& env);

}  // namespace tinkr::cli
