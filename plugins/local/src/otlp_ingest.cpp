// otlp_ingest.cpp: the line loop and the transaction of an OTLP/JSON ingest.
#include "otlp_ingest.hpp"

#include <tinkr/sdk/error.hpp>

#include <rapidjson/error/en.h>

namespace tinkr::local {

std::string IngestCounts::to_json() const {
  return "{\"logs\":" + std::to_string(logs) + ",\"spans\":" + std::to_string(spans) +
         ",\"metric_points\":" + std::to_string(metric_points) + "}";
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
  throw sdk::Error(TINKR_INVALID_QUERY,
                   "ingest " + std::string(source) + ": line " + std::to_string(line) + ": " + what);
}

void ingest_line(std::string_view text, std::string_view source, int64_t line, otlp::Inserter& inserter) {
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  if (doc.HasParseError())
    fail_line(source, line,
              "invalid JSON at column " + std::to_string(doc.GetErrorOffset() + 1) + ": " +
                  rapidjson::GetParseError_En(doc.GetParseError()));
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

}  // namespace

IngestCounts ingest_otlp_json(Connection& writer, std::string_view source, std::string_view data) {
  Transaction transaction(writer);
  otlp::Inserter inserter(writer);
  int64_t line = 0;
  std::size_t begin = 0;
  while (begin < data.size()) {
    std::size_t end = data.find('\n', begin);
    if (end == std::string_view::npos) end = data.size();
    std::string_view text = data.substr(begin, end - begin);
    ++line;
    if (text.find_first_not_of(" \t\r") != std::string_view::npos) ingest_line(text, source, line, inserter);
    begin = end + 1;
  }
  IngestCounts counts = inserter.counts;
  transaction.commit();
  return counts;
}

}  // namespace tinkr::local
