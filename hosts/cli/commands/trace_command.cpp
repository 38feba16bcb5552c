// The trace command: every span of one trace.
#include "commands/trace_command.hpp"

#include "run_query.hpp"

namespace tinkr::cli {

void setup_trace(CLI::App& app, Context& context, CommandRuns& runs) {
  auto options = std::make_shared<TraceOptions>();
  auto* command = app.add_subcommand("trace", "one trace as a span tree");
  command->add_option("trace_id", options->trace_id, "the W3C trace id (32 hex digits) or the backend's id")
      ->required();
  add_time_flags(*command, options->time, "30d");
  command->add_flag("--explain", options->explain, "print the native query and send nothing");
  add_cost_flags(*command, options->cost);
  runs.add(command, [options, &context] { return run_trace(*options, context.query_env()); });
}

int run_trace(const TraceOptions& options, const QueryEnv& env) {
  QuerySpec spec;
  spec.signal = ir::Signal::trace_get;
  spec.trace_id = options.trace_id;
  options.time.apply(spec);
  options.cost.apply(spec);
  return run_query_command(env, spec, options.explain);
}

}  // namespace tinkr::cli
