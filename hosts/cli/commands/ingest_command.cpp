// The ingest command.
#include "commands/ingest_command.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>

namespace tinkr::cli {
namespace {

// Each input streams into the backend (Engine::ingest from a std::istream), so a file of any size is
// stored in bounded memory.
// Ctrl-C (cancel) stops an ingest; nothing of the input being read is stored.
Expected<std::string> ingest_one(Engine& engine, const std::string& path, const CancelSource& cancel) {
  if (path == "-") return engine.ingest(kOtlpJsonFormat, "standard input", std::cin, &cancel);
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    return fail(
        Error::Code::invalid_data,
        "ingest '" + path + "': is a directory; give the OTLP/JSON files in it (e.g. '" + path + "'/*.json)");
  std::ifstream file(path, std::ios::binary);
  if (!file) return fail(Error::Code::not_found, "ingest '" + path + "': cannot open the file");
  return engine.ingest(kOtlpJsonFormat, path, file, &cancel);
}

}  // namespace

void setup_ingest(CLI::App& app, Context& context, CommandRuns& runs) {
  auto options = std::make_shared<IngestOptions>();
  auto* command = app.add_subcommand("ingest", "store OTLP/JSON files in the local backend");
  command
      ->add_option("files", options->files,
                   "OTLP/JSON files: one export request per line, or pretty-printed documents; - reads "
                   "standard input")
      ->required();
  runs.add(command, [options, &context] {
    return run_ingest(*options, context.console, context.backends, context.cancel);
  });
}

int run_ingest(const IngestOptions& options, Console& console, Backends& backends,
               const CancelSource& cancel) {
  auto engine = backends.engine("ingest");
  if (!engine) return console.report(engine.error());
  for (const auto& path : options.files) {
    auto summary = ingest_one(**engine, path, cancel);
    if (!summary) return console.report(summary.error());
    if (summary->find("\"already_ingested\":true") != std::string::npos)
      console.out << path << ": already ingested (the same bytes are stored); nothing added\n";
    else
      console.out << path << ": " << *summary << '\n';
  }
  return 0;
}

}  // namespace tinkr::cli
