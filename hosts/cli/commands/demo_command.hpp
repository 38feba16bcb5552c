// tinkr demo: generates a realistic hour of telemetry (payments-api, checkout, inventory and their
// database, with an incident in it) and ingests it into the local backend, then says what to ask.
#pragma once

#include "context.hpp"

#include <CLI/CLI.hpp>

namespace tinkr::cli {

struct DemoOptions {};

void setup_demo(CLI::App& app, Context& context);
int run_demo(const DemoOptions& options, Context& context);

}  // namespace tinkr::cli
