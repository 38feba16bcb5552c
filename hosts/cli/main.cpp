// tinkr: the command line. main only wires the subcommands (each in commands/) to the shared
// context and turns what happened into an exit code from the one table in common/error_tables.hpp.
#include "command_runs.hpp"
#include "commands/config_command.hpp"
#include "commands/demo_command.hpp"
#include "commands/incident_command.hpp"
#include "commands/ingest_command.hpp"
#include "commands/logs_command.hpp"
#include "commands/mcp_command.hpp"
#include "commands/metrics_command.hpp"
#include "commands/plugins_command.hpp"
#include "commands/profiles_command.hpp"
#include "commands/query_command.hpp"
#include "commands/schema_command.hpp"
#include "commands/tail_command.hpp"
#include "commands/trace_command.hpp"
#include "commands/traces_command.hpp"
#include "common/error_tables.hpp"
#include "context.hpp"
#include "interrupt.hpp"
#include "output/stdout_buffer.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

int main(int argc, char** argv) {
  using namespace tinkr::cli;
  buffer_unless_terminal(stdout);  // before the first byte of output
  Context context(std::cout, std::cerr);
  CommandRuns runs;
  CLI::App app{"tinkr: logs, metrics and traces from any backend, from one command line"};
  app.footer("\n" + tinkr::host::exit_code_table());
  app.set_version_flag("--version", "tinkr " TINKR_VERSION);
  app.require_subcommand(1);
  // Global flags may also follow the subcommand (`tinkr logs api -o json`), as users type them.
  app.fallthrough();
  app.add_option("-o,--output", context.options.output,
                 "output format: table, json, ndjson, csv, or chart (metrics only)")
      ->capture_default_str()
      ->check(CLI::IsMember({"table", "json", "ndjson", "csv", "chart"}));
  app.add_option("--profile", context.options.profile, "the configuration profile to use");
  app.add_option("--config", context.options.config, "the configuration file (default ~/.tinkr/config.toml)");
  app.add_option("--server", context.options.server,
                 "query through a tinkr-server (http://HOST:PORT); token from TINKR_TOKEN")
      ->envname("TINKR_SERVER");
  app.add_flag("--no-color", context.options.no_color, "never colour the output (also NO_COLOR=1)");

  setup_logs(app, context, runs);
  setup_metrics(app, context, runs);
  setup_traces(app, context, runs);
  setup_trace(app, context, runs);
  setup_tail(app, context, runs);
  setup_incident(app, context, runs);
  setup_query(app, context, runs);
  setup_schema(app, context, runs);
  setup_plugins(app, context, runs);
  setup_profiles(app, context, runs);
  setup_config(app, context, runs);
  setup_ingest(app, context, runs);
  setup_demo(app, context, runs);
  setup_mcp(app, context, runs);

  // Before any thread starts: ~/.tinkr/.env feeds the plugins' own variables too (never overriding).
  if (auto dotenv = tinkr::config::apply_dotenv(); !dotenv) return context.console.report(dotenv.error());
  cancel_on_interrupt(context.cancel);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? tinkr::host::kExitOk : tinkr::host::kExitUsage;
  }
  try {
    return runs.run_parsed().value_or(tinkr::host::kExitUsage);
  } catch (const std::exception& error) {
    return context.console.report(tinkr::Error(tinkr::Error::Code::internal, error.what()));
  }
}
