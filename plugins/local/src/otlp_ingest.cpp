// otlp_ingest.cpp: the document loop and the transaction of an OTLP/JSON ingest.
#include "otlp_ingest.hpp"

#include <tinkr/sdk/error.hpp>

#include <rapidjson/error/en.h>

#include <algorithm>
#include <chrono>

namespace tinkr::local {

std::string IngestCounts::to_json() const {
  return "{\"logs\":" + std::to_string(logs) + ",\"spans\":" + std::to_string(spans) +
         ",\"metric_points\":" + std::to_string(metric_points) +
         (already_ingested ? ",\"already_ingested\":true}" : "}");
}

namespace otlp {

Inserter::Inserter(Connection& connection)
    : log(connection,
          "INSERT INTO logs (time_unix_nano, severity_number, severity_text, body, service, trace_id, "
          "span_id,"
          " attributes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"),
      span(connection,
           "INSERT INTO spans (trace_id, span_id, parent_span_id, service, name, kind, start_unix_nano, "
           "duration_ns,"
           " status, status_code, attributes, events) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
           "?12)"),
      metric(connection,
             "INSERT INTO metric_points (metric, service, unit, kind, dimensions, time_unix_nano, value, "
             "count, sum,"
             " min, max) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)") {}

}  // namespace otlp

namespace {

[[noreturn]] void fail_line(std::string_view source, int64_t line, const std::string& what) {
  throw sdk::Error(TINKR_INVALID_DATA,
                   "ingest " + std::string(source) + ": line " + std::to_string(line) + ": " + what);
}

void ingest_document(const rapidjson::Document& doc, std::string_view source, int64_t line,
                     otlp::Inserter& inserter) {
  if (!doc.IsObject()) fail_line(source, line, "expected a JSON object (an OTLP export request)");
  bool known = false;
  try {
    if (otlp::member(doc, "resourceLogs")) known = true, otlp::ingest_logs(doc, inserter);
    if (otlp::member(doc, "resourceSpans")) known = true, otlp::ingest_spans(doc, inserter);
    if (otlp::member(doc, "resourceMetrics")) known = true, otlp::ingest_metrics(doc, inserter);
  } catch (const otlp::FieldError& e) {
    fail_line(source, line, e.path + ": " + e.what);
  }
  if (!known)
    fail_line(source, line,
              "expected an OTLP/JSON export request with resourceLogs, resourceSpans or resourceMetrics");
}

bool stored_before(Connection& writer, const std::string& digest) {
  Statement find(writer, "SELECT 1 FROM ingested_files WHERE sha256 = ?1");
  find.bind_text(1, digest);
  return find.step();
}

void remember(Connection& writer, const std::string& digest, std::string_view source,
              const IngestCounts& counts) {
  Statement insert(
      writer,
      "INSERT INTO ingested_files (sha256, source, ingested_unix_nano, logs, spans, metric_points) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  insert.bind_text(1, digest);
  insert.bind_text(2, source);
  insert.bind_int(3, std::chrono::duration_cast<std::chrono::nanoseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count());
  insert.bind_int(4, counts.logs);
  insert.bind_int(5, counts.spans);
  insert.bind_int(6, counts.metric_points);
  insert.run();
}

}  // namespace

IngestCounts ingest_otlp_json(Connection& writer, std::string_view source, otlp::PulledStream& input,
                              const sdk::CallContext* call) {
  Transaction transaction(writer);
  otlp::Inserter inserter(writer);
  for (;;) {
    input.skip_whitespace();
    if (input.at_end()) break;
    if (input.Peek() == '\0')
      fail_line(source, input.line(), "a NUL byte at column " + std::to_string(input.column()));
    const int64_t first_line = input.line();
    rapidjson::Document doc;
    // One document at a time, whatever its layout: one per line (JSON Lines, as the Collector's file
    // exporter writes) or pretty-printed over many lines (OpenTelemetry's example files).
    doc.ParseStream<rapidjson::kParseStopWhenDoneFlag>(input);
    if (doc.HasParseError())
      fail_line(source, input.line(),
                "invalid JSON at column " + std::to_string(input.column()) + ": " +
                    rapidjson::GetParseError_En(doc.GetParseError()));
    ingest_document(doc, source, first_line, inserter);
    if (call) call->throw_if_cancelled();
  }
  IngestCounts counts = inserter.counts;
  const std::string digest = input.digest();
  if (stored_before(writer, digest)) {
    IngestCounts none;
    none.already_ingested = true;
    return none;  // the transaction rolls back: these exact bytes are stored already
  }
  if (counts.logs + counts.spans + counts.metric_points > 0) remember(writer, digest, source, counts);
  transaction.commit();
  return counts;
}

IngestCounts ingest_otlp_json(Connection& writer, std::string_view source, std::string_view data) {
  otlp::PulledStream input([data](char* buffer, std::size_t capacity) mutable {
    const std::size_t n = std::min(capacity, data.size());
    std::copy_n(data.data(), n, buffer);
    data.remove_prefix(n);
    return n;
  });
  return ingest_otlp_json(writer, source, input, nullptr);
}

}  // namespace tinkr::local
