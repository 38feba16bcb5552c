// tinkr trace TRACE_ID [--since 1d] [--explain]: one whole trace, as a span tree in table output.
#pragma once

#include "command_runs.hpp"
#include "commands/cost_flags.hpp"
#include "commands/time_flags.hpp"
#include "context.hpp"

#include <CLI/CLI.hpp>

namespace tinkr::cli {

struct TraceOptions {
  std::string trace_id;
  TimeFlags time;
  bool explain = false;
  CostFlags cost;
};

void setup_trace(CLI::App& app, Context& context, CommandRuns& runs);
int run_trace(const TraceOptions& options, const QueryEnv& env);

}  // namespace tinkr::cli
