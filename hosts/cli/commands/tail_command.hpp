// tinkr tail SERVICE [QUERY] [--interval 2s] [--overlap 30s]: follows new log records. Each poll asks
// for the records stored since the previous one (by ingestion time where the backend has it, by record
// time otherwise; tail_poller.hpp), a bounded de-duplication memory prints each record once, and the
// ingestion lag is reported on stderr. Ctrl-C ends it cleanly (exit code 0).
#pragma once

#include "command_runs.hpp"
#include "context.hpp"

#include <CLI/CLI.hpp>

namespace tinkr::cli {

struct TailOptions {
  std::string service;
  std::string query;
  std::string since = "1m";      // the backlog shown first
  std::string interval = "2s";   // time between polls
  std::string overlap = "30s";   // how far each poll reaches back before the previous one began
  std::size_t memory = 100'000;  // records remembered for de-duplication
  int64_t polls = 0;             // stop after this many polls (0: until Ctrl-C); for scripts and tests
};

void setup_tail(CLI::App& app, Context& context, CommandRuns& runs);
int run_tail(const TailOptions& options, const QueryEnv& env);

}  // namespace tinkr::cli
