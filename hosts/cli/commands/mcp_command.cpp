// The mcp command: the shared MCP server (hosts/mcp) on stdin/stdout.
#include "commands/mcp_command.hpp"

#include "mcp/stdio_transport.hpp"

#include <iostream>

namespace tinkr::cli {

void setup_mcp(CLI::App& app, Context& context, CommandRuns& runs) {
  auto options = std::make_shared<McpOptions>();
  auto* command =
      app.add_subcommand("mcp", "serve the Model Context Protocol on stdin/stdout, for AI agents");
  command
      ->add_option("--max-result-bytes", options->max_result_bytes,
                   "the largest tool result, in bytes; longer lists are cut and say so")
      ->capture_default_str()
      ->check(CLI::Range(4096, 16 << 20));
  command->add_option("--max-records", options->max_records, "the most records one tool call may read")
      ->capture_default_str()
      ->check(CLI::Range(1, 1'000'000));
  runs.add(command, [options, &context] {
    return run_mcp(*options, context.console, context.backends, context.cancel);
  });
}

int run_mcp(const McpOptions& options, Console& console, Backends& backends, const CancelSource& cancel) {
  auto engine = backends.engine("mcp");
  if (!engine) return console.report(engine.error());
  mcp::EngineBackend backend(**engine);
  mcp::ServerOptions server_options;
  server_options.limits.max_result_bytes = options.max_result_bytes;
  server_options.limits.max_records = options.max_records;
  mcp::Server server(backend, server_options);
  console.err << "tinkr mcp: serving the " << (*engine)->backend().name << " backend (profile "
              << (*engine)->profile_name() << ") on stdio\n";
  // Replies go to the real stdout: nothing else may write there while the client reads it.
  mcp::run_stdio(server, std::cin, std::cout, cancel);
  return 0;
}

}  // namespace tinkr::cli
