// otlp_ingest.hpp: storing OpenTelemetry's OTLP/JSON encoding (one Export{Logs,Trace,Metrics}ServiceRequest
// per line, as the Collector's file exporter writes it) in the local tables, all of it or nothing.
#pragma once

#include "otlp_values.hpp"
#include "sqlite.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace tinkr::local {

struct IngestCounts {
  int64_t logs = 0;
  int64_t spans = 0;
  int64_t metric_points = 0;

  /// {"logs": n, "spans": n, "metric_points": n}
  std::string to_json() const;
};

/// Parses every line of `data` and inserts its records in one transaction on `writer`. A bad line
/// throws sdk::Error(TINKR_INVALID_QUERY) naming source, line and field, e.g.
///   ingest demo.jsonl: line 12: resourceLogs[0].scopeLogs[0].logRecords[3].timeUnixNano: expected a decimal
///   string
/// and the transaction is rolled back, so nothing of `data` stays. Empty lines are skipped.
IngestCounts ingest_otlp_json(Connection& writer, std::string_view source, std::string_view data);

namespace otlp {

/// The prepared inserts one ingest reuses for every record, and scratch buffers.
struct Inserter {
  explicit Inserter(Connection& connection);

  Statement log;     // time, severity_number, severity_text, body, service, trace_id, span_id, attributes
  Statement span;    // trace_id, span_id, parent, service, name, kind, start, duration, status, status_code,
                     // attributes, events
  Statement metric;  // metric, service, unit, kind, dimensions, time, value, count, sum, min, max
  IngestCounts counts;
  rapidjson::StringBuffer attributes, extra;
  std::string id_a, id_b, id_c;
};

void ingest_logs(const Json& request, Inserter& inserter);
void ingest_spans(const Json& request, Inserter& inserter);
void ingest_metrics(const Json& request, Inserter& inserter);

}  // namespace otlp
}  // namespace tinkr::local
