// The ingest command.
#include "commands/ingest_command.hpp"

#include <fstream>
#include <sstream>

namespace tinkr::cli {

void setup_ingest(CLI::App& app, Context& context) {
  auto options = std::make_shared<IngestOptions>();
  auto* command = app.add_subcommand("ingest", "store OTLP/JSON files in the local backend");
  command->add_option("files", options->files, "OTLP/JSON files, one export request per line")->required();
  command->callback([options, &context] { context.exit_code = run_ingest(*options, context); });
}

int run_ingest(const IngestOptions& options, Context& context) {
  auto engine = context.engine("ingest");
  if (!engine) return context.report(engine.error());
  for (const auto& path : options.files) {
    std::ifstream file(path, std::ios::binary);
    if (!file)
      return context.report(Error(Error::Code::not_found, "ingest '" + path + "': cannot open the file"));
    std::ostringstream data;
    data << file.rdbuf();
    auto summary = (*engine)->ingest(kOtlpJsonFormat, path, data.str());
    if (!summary) return context.report(summary.error());
    context.out << path << ": " << *summary << '\n';
  }
  return 0;
}

}  // namespace tinkr::cli
