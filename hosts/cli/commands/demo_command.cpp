// The demo command: the demo-data generator's hour, through Engine::ingest.
#include "commands/demo_command.hpp"

#include "commands/demo_hints.hpp"
#include "commands/ingest_command.hpp"
#include "common/time_text.hpp"

#include <fstream>

#ifdef TINKR_HAVE_DEMO_DATA
#include <demo_data.hpp>
#endif

namespace tinkr::cli {

void setup_demo(CLI::App& app, Context& context, CommandRuns& runs) {
  auto options = std::make_shared<DemoOptions>();
  auto* command = app.add_subcommand("demo", "write an hour of demo telemetry into the local backend");
  command->add_option("--seed", options->seed, "the same seed writes the same hour")->capture_default_str();
  command->add_option("--save", options->save, "also write the OTLP/JSON lines to this file");
  command
      ->add_option("--fault", options->fault,
                   "the incident: orders-db (the database times out, payments-api fails) or inventory-outage "
                   "(inventory answers 503, checkout fails)")
      ->capture_default_str()
      ->check(CLI::IsMember({"orders-db", "inventory-outage"}));
  runs.add(command, [options, &context] { return run_demo(*options, context.console, context.backends); });
}

#ifdef TINKR_HAVE_DEMO_DATA
int run_demo(const DemoOptions& options, Console& console, Backends& backends) {
  auto engine = backends.engine("demo");
  if (!engine) return console.report(engine.error());
  demo::DemoOptions demo_options;
  demo_options.now_ns = now_ns();
  demo_options.seed = options.seed;
  demo_options.fault =
      options.fault == "inventory-outage" ? demo::Fault::inventory_outage : demo::Fault::orders_db;
  std::string lines;
  const auto summary = demo::generate_demo(demo_options, lines);
  if (!options.save.empty()) {
    std::ofstream file(options.save, std::ios::binary);
    if (!(file << lines))
      return console.report(
          Error(Error::Code::config, "--save '" + options.save + "': cannot write the file"));
  }
  auto stored = (*engine)->ingest(kOtlpJsonFormat, "tinkr demo", lines);
  if (!stored) return console.report(stored.error().with_context("tinkr demo"));
  console.out << "demo: wrote " << summary.requests << " requests, " << summary.logs << " log records, "
              << summary.spans << " spans and " << summary.metric_points << " metric points to the "
              << (*engine)->profile_name() << " backend\n"
              << "demo: incident from " << host::format_time(summary.incident.start_ns) << " to "
              << host::format_time(summary.incident.end_ns) << "\n\n"
              << "try (paste these lines into a shell):\n";
  for (const auto& line : demo_hint_lines(
           current_hint_setup(backends.open_options().sources.config_path, backends.open_options().profile)))
    console.out << "  " << line << '\n';
  return 0;
}
#else
int run_demo(const DemoOptions& /*options*/, Console& console, Backends& /*backends*/) {
  return console.report(Error(Error::Code::unsupported, "tinkr demo: this build has no demo data generator"));
}
#endif

}  // namespace tinkr::cli
