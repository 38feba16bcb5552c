// The demo command.
#include "commands/demo_command.hpp"

namespace tinkr::cli {

void setup_demo(CLI::App& app, Context& context) {
  auto options = std::make_shared<DemoOptions>();
  app.add_subcommand("demo", "write an hour of demo telemetry into the local backend")
      ->callback([options, &context] { context.exit_code = run_demo(*options, context); });
}

int run_demo(const DemoOptions& /*options*/, Context& context) {
  return context.report(Error(Error::Code::unsupported, "tinkr demo: this build has no demo data generator"));
}

}  // namespace tinkr::cli
