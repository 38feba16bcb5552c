// tinkr demo: generates a realistic hour of telemetry (checkout, inventory, payments-api and its
// database orders-db, with an incident in it) and ingests it into the local backend, then says which
// questions to ask of it.
#pragma once

#include "command_runs.hpp"
#include "context.hpp"

#include <CLI/CLI.hpp>

namespace tinkr::cli {

struct DemoOptions {
  uint64_t seed = 42;
  std::string save;                 // also write the OTLP/JSON lines to this file
  std::string fault = "orders-db";  // what goes wrong: orders-db or inventory-outage
};

void setup_demo(CLI::App& app, Context& context, CommandRuns& runs);
int run_demo(const DemoOptions& options, Console& console, Backends& backends);

}  // namespace tinkr::cli
