// tinkr metrics SERVICE METRIC[,METRIC…] [--agg avg,max] [--interval 5m] [time flags] [--explain]
#pragma once

#include "command_runs.hpp"
#include "commands/cost_flags.hpp"
#include "commands/time_flags.hpp"
#include "context.hpp"

#include <CLI/CLI.hpp>

namespace tinkr::cli {

struct MetricsOptions {
  std::string service;
  std::vector<std::string> metrics;
  std::vector<std::string> aggregations;
  std::string interval;
  std::vector<std::string> group_by;
  int64_t top = 0;
  std::string resource;
  TimeFlags time;
  bool explain = false;
  CostFlags cost;
};

void setup_metrics(CLI::App& app, Context& context, CommandRuns& runs);
int run_metrics(const MetricsOptions& options, const QueryEnv& env);

}  // namespace tinkr::cli
