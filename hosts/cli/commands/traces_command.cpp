// The traces command: a search for traces of one service.
#include "commands/traces_command.hpp"

#include "commands/limit_flag.hpp"
#include "common/query_request.hpp"
#include "run_query.hpp"

namespace tinkr::cli {

void setup_traces(CLI::App& app, Context& context, CommandRuns& runs) {
  auto options = std::make_shared<TracesOptions>();
  auto* command = app.add_subcommand("traces", "search the traces of a service");
  command->add_option("service", options->service, "the service")->required();
  command->add_option("query", options->query, "a query over spans: name:GET* status_code>=500");
  command->add_option("--slow", options->slow,
                      "only traces lasting longer than this (500ms, 1s); with --failed: failed or slow");
  command->add_flag("--failed", options->failed, "only failed traces; with --slow: failed or slow");
  add_limit_flag(*command, options->limit, "at most this many traces (default 20)");
  command->add_option("--resource", options->resource, "the backend's resource type hint");
  add_time_flags(*command, options->time);
  command->add_flag("--explain", options->explain, "print the native query and send nothing");
  add_cost_flags(*command, options->cost);
  runs.add(command, [options, &context] { return run_traces(*options, context.query_env()); });
}

int run_traces(const TracesOptions& options, const QueryEnv& env) {
  QuerySpec spec;
  spec.signal = ir::Signal::trace_search;
  spec.service = options.service;
  auto text = host::fold_trace_filters(options.query, options.slow, options.failed);
  if (!text) return env.console.report(text.error());
  spec.text = *text;
  spec.limit = options.limit;
  spec.resource_type = options.resource;
  options.time.apply(spec);
  options.cost.apply(spec);
  return run_query_command(env, spec, options.explain);
}

}  // namespace tinkr::cli
