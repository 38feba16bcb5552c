// The schema command; see schema_command.hpp. A schema query is one more signal of the IR
// (ir::Signal::schema) answered as a generic table, so it takes every output format and --explain.
#include "commands/schema_command.hpp"

#include "run_query.hpp"

#include <memory>

namespace tinkr::cli {

namespace {

struct SchemaOptions {
  std::string table;
  bool explain = false;
};

}  // namespace

void setup_schema(CLI::App& app, Context& context, CommandRuns& runs) {
  auto options = std::make_shared<SchemaOptions>();
  auto* command = app.add_subcommand("schema", "a table's columns and types, and its plan");
  command
      ->add_option("table", options->table, "the table (Azure: a Log Analytics table; local: logs, spans...)")
      ->required();
  command->add_flag("--explain", options->explain, "print the request and send nothing");
  runs.add(command, [options, &context] {
    QuerySpec spec;
    spec.signal = ir::Signal::schema;
    spec.text = options->table;
    return run_query_command(context.query_env(), spec, options->explain);
  });
}

}  // namespace tinkr::cli
