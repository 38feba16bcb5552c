// The incident command: one report on a service (docs/incident.md), built by the core.
#include "commands/incident_command.hpp"

#include "common/query_request.hpp"
#include "output/incident_text.hpp"
#include "output/safe_text.hpp"

#include <tinkr/incident.hpp>

namespace tinkr::cli {
namespace {

struct IncidentOptions {
  incident::ReportOptions report;
  TimeFlags time;
  std::size_t top = 10;
};

// Built here, or by the server's POST /api/v1/incident in remote mode (--server).
Expected<incident::Report> build(const incident::ReportOptions& options, Backends& backends,
                                 const CancelSource& cancel) {
  if (backends.remote_mode()) {
    auto remote = backends.remote();
    if (!remote) return Unexpected(remote.error());
    auto json = (*remote)->post("/api/v1/incident", host::incident_request_to_json(options));
    if (!json) return Unexpected(json.error());
    return incident::report_from_json(*json);
  }
  auto engine = backends.engine("incident");
  if (!engine) return Unexpected(engine.error());
  RunOptions run;
  run.cancel = cancel;
  return incident::build_report(**engine, options, run);
}

int run_incident(IncidentOptions options, Console& console, Backends& backends, const CancelSource& cancel) {
  const std::string& format = console.output();
  if (format != "table" && format != "json")
    return console.report(Error(Error::Code::invalid_query,
                                "incident: -o " + format + " is not available; use -o table or -o json"));
  options.report.since = options.time.since;
  options.report.from = options.time.from;
  options.report.to = options.time.to;
  options.report.top = options.top;
  auto report = build(options.report, backends, cancel);
  if (!report) return console.report(report.error());
  const Style style = console.style();
  if (format == "json") {
    // Onto a terminal through the same escaping as the other machine formats; into a pipe unchanged.
    if (style.terminal)
      *make_terminal_safe_stream(console.out) << incident::to_json(*report) << '\n';
    else
      console.out << incident::to_json(*report) << '\n';
  } else {
    print_incident(*report, options.report.slow, console.out, style);
  }
  console.out.flush();
  return 0;
}

}  // namespace

void setup_incident(CLI::App& app, Context& context, CommandRuns& runs) {
  auto options = std::make_shared<IncidentOptions>();
  auto* command = app.add_subcommand(
      "incident",
      "one report on a service: error patterns, failing operations, metric shifts, example traces");
  command->add_option("service", options->report.service, "the service")->required();
  add_time_flags(*command, options->time);
  command
      ->add_option("--baseline", options->report.baseline,
                   "what the window is compared with: prev (as long as the window, just before it) or a "
                   "duration before the window (24h)")
      ->capture_default_str();
  command->add_option("--slow", options->report.slow, "a request longer than this is slow")
      ->capture_default_str();
  command->add_option("--top", options->top, "rows per section")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  runs.add(command, [options, &context] {
    return run_incident(*options, context.console, context.backends, context.cancel);
  });
}

}  // namespace tinkr::cli
