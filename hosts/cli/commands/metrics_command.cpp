// The metrics command: metric series of one service.
#include "commands/metrics_command.hpp"

#include "run_query.hpp"

namespace tinkr::cli {

void setup_metrics(CLI::App& app, Context& context, CommandRuns& runs) {
  auto options = std::make_shared<MetricsOptions>();
  auto* command = app.add_subcommand("metrics", "metric series of a service");
  command->add_option("service", options->service, "the service")->required();
  command->add_option("metrics", options->metrics, "metric names, comma-separated")
      ->required()
      ->delimiter(',');
  command
      ->add_option("--agg", options->aggregations,
                   "aggregations: avg, min, max, sum, count, or a percentile p50, p95, p99.9 (pNN)")
      ->delimiter(',');
  command->add_option("--interval", options->interval,
                      "bucket size (1m, 5m, 1h); default: chosen by the backend");
  command->add_option("--by", options->group_by, "group by these dimensions")->delimiter(',');
  command->add_option("--top", options->top, "only the N largest series")->check(CLI::NonNegativeNumber);
  command->add_option("--resource", options->resource, "the backend's resource type hint");
  add_time_flags(*command, options->time);
  command->add_flag("--explain", options->explain, "print the native query and send nothing");
  add_cost_flags(*command, options->cost);
  runs.add(command, [options, &context] { return run_metrics(*options, context.query_env()); });
}

int run_metrics(const MetricsOptions& options, const QueryEnv& env) {
  QuerySpec spec;
  spec.signal = ir::Signal::metrics;
  spec.service = options.service;
  spec.resource_type = options.resource;
  options.time.apply(spec);
  options.cost.apply(spec);
  spec.metrics.names = options.metrics;
  for (const auto& name : options.aggregations) {
    auto aggregation = ir::aggregation_from_string(name);
    if (!aggregation)
      return env.console.report(
          Error(Error::Code::invalid_query, "--agg: " + ir::bad_aggregation_message(name)));
    spec.metrics.aggregations.push_back(*aggregation);
  }
  if (!options.interval.empty()) {
    auto interval = query::parse_duration(options.interval);
    if (!interval) return env.console.report(interval.error().with_context("--interval"));
    spec.metrics.interval_ns = *interval;
  }
  spec.metrics.group_by = options.group_by;
  spec.metrics.top = options.top;
  return run_query_command(env, spec, options.explain);
}

}  // namespace tinkr::cli
