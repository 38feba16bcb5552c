// otlp_ingest.hpp: storing OpenTelemetry's OTLP/JSON encoding (Export{Logs,Trace,Metrics}ServiceRequest
// documents, one per line as the Collector's file exporter writes them, or pretty-printed) in the local
// tables, all of it or nothing.
#pragma once

#include "otlp_stream.hpp"
#include "otlp_values.hpp"
#include "sqlite.hpp"

#include <tinkr/sdk/host.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace tinkr::local {

struct IngestCounts {
  int64_t logs = 0;
  int64_t spans = 0;
  int64_t metric_points = 0;
  bool already_ingested = false;  // the same bytes were stored before; nothing was added

  /// {"logs": n, "spans": n, "metric_points": n} (and "already_ingested": true when so)
  std::string to_json() const;
};

/// Parses every OTLP/JSON document of `input` (one per line, or pretty-printed over several lines)
/// and inserts its records in one transaction on `writer`, reading `input` piece by piece. A bad
/// document throws sdk::Error(TINKR_INVALID_DATA) naming source, line and field, e.g.
///   ingest demo.jsonl: line 12: resourceLogs[0].scopeLogs[0].logRecords[3].timeUnixNano: expected a decimal
///   string
/// and the transaction is rolled back, so nothing of `input` stays. The SHA-256 of each stored input is
/// kept (table ingested_files): the same bytes again store nothing and say already_ingested.
IngestCounts ingest_otlp_json(Connection& writer, std::string_view source, otlp::PulledStream& input,
                              const sdk::CallContext* call);

/// The same over bytes in memory.
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
