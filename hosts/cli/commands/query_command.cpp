// The query command: the backend's own language passed through, or a query-language query of any
// signal.
#include "commands/query_command.hpp"

#include "commands/limit_flag.hpp"
#include "run_query.hpp"

namespace tinkr::cli {

void setup_query(CLI::App& app, Context& context, CommandRuns& runs) {
  auto options = std::make_shared<QueryOptions>();
  auto* command = app.add_subcommand("query", "a native query (KQL, SQL) or a query of any signal");
  auto* native = command->add_option("--native", options->native, "the backend's own query text, sent as is");
  command->add_option("query", options->text, "a Tinkr query (with --signal)")->excludes(native);
  command->add_option("--signal", options->signal, "logs, metrics, trace_search, trace_get")
      ->excludes(native);
  command->add_option("--service", options->service, "the service");
  add_limit_flag(*command, options->limit, "at most this many records");
  add_time_flags(*command, options->time);
  command->add_flag("--explain", options->explain, "print the native query and send nothing");
  add_cost_flags(*command, options->cost);
  runs.add(command, [options, &context] { return run_query(*options, context.query_env()); });
}

int run_query(const QueryOptions& options, const QueryEnv& env) {
  QuerySpec spec;
  if (!options.native.empty()) {
    spec.signal = ir::Signal::native;
    spec.text = options.native;
  } else {
    auto signal = ir::signal_from_string(options.signal);
    if (!signal || *signal == ir::Signal::native)
      return env.console.report(
          Error(Error::Code::invalid_query,
                "--signal '" + options.signal + "': expected logs, metrics, trace_search or trace_get"));
    spec.signal = *signal;
    spec.text = options.text;
  }
  spec.service = options.service;
  spec.limit = options.limit;
  options.time.apply(spec);
  options.cost.apply(spec);
  return run_query_command(env, spec, options.explain);
}

}  // namespace tinkr::cli
