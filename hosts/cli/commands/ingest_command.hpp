// tinkr ingest FILE…: stores OpenTelemetry OTLP/JSON files (one export request per line, as the
// Collector's file exporter writes them, or pretty-printed documents; - is standard input) in the
// local backend, each file in one transaction, streamed. A file stored before is not stored again.
#pragma once

#include "command_runs.hpp"
#include "context.hpp"

#include <CLI/CLI.hpp>

namespace tinkr::cli {

/// The format name Engine::ingest understands for OTLP/JSON (lines or documents).
inline constexpr std::string_view kOtlpJsonFormat = "otlp-json";

struct IngestOptions {
  std::vector<std::string> files;
};

void setup_ingest(CLI::App& app, Context& context, CommandRuns& runs);
int run_ingest(const IngestOptions& options, Console& console, Backends& backends,
               const CancelSource& cancel);

}  // namespace tinkr::cli
