// The logs command: a log query for one service.
#include "commands/logs_command.hpp"

#include "commands/limit_flag.hpp"
#include "commands/log_histogram.hpp"
#include "run_query.hpp"

namespace tinkr::cli {

void setup_logs(CLI::App& app, Context& context, CommandRuns& runs) {
  auto options = std::make_shared<LogsOptions>();
  auto* command = app.add_subcommand("logs", "log records of a service");
  command->add_option("service", options->service, "the service (cloud role, service.name)")->required();
  command->add_option("query", options->query,
                      "a query: level>=warn \"timeout\" attributes.http.method:POST");
  add_time_flags(*command, options->time);
  add_limit_flag(
      *command, options->limit,
      "at most this many records (default 100; with --histogram, records counted, default 100000)");
  command->add_flag(
      "--histogram", options->histogram,
      "instead of the records: how many there were over the window, by severity, in round buckets");
  command->add_option("--resource", options->resource, "the backend's resource type hint");
  command->add_flag("--explain", options->explain, "print the native query and send nothing");
  add_cost_flags(*command, options->cost);
  runs.add(command, [options, &context] { return run_logs(*options, context.query_env()); });
}

int run_logs(const LogsOptions& options, const QueryEnv& env) {
  QuerySpec spec;
  spec.signal = ir::Signal::logs;
  spec.service = options.service;
  spec.text = options.query;
  options.time.apply(spec);
  spec.limit = options.limit;
  spec.resource_type = options.resource;
  options.cost.apply(spec);
  if (options.histogram) {
    if (spec.limit == 0) spec.limit = kHistogramDefaultLimit;
    if (!options.explain) return run_log_histogram(env, spec);
  }
  return run_query_command(env, spec, options.explain);
}

}  // namespace tinkr::cli
