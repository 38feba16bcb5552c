// tinkr/incident.hpp: one question, the whole story (docs/incident.md). For a service and a window,
// the report asks the engine the same queries a user would (logs of warning and worse, the
// service's requests, its failed or slow requests, the example traces), so it works on every
// backend, and computes in the core: error patterns (template mining), failing operations, metric
// shifts against a baseline (median and MAD), and example traces with their critical path.
#pragma once

#include <tinkr/engine.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tinkr::incident {

struct ReportOptions {
  std::string service;
  std::string since;              // the window: "1h"; all of since/from/to empty: the last hour
  std::string from, to;           // or RFC 3339 / relative times
  std::string baseline = "prev";  // "prev" (as long as the window, just before it) or a duration ("24h")
  std::string slow = "1s";        // a request lasting longer than this is slow
  std::size_t top = 10;           // rows per section
  int64_t max_records = 50'000;   // per query; a report built on a cut answer says so
};

/// A log template of warning or worse.
struct Pattern {
  std::string pattern;          // the template: "database timeout: orders-db did not answer within <*>ms"
  std::string example;          // one message it stands for (the first in the window)
  int32_t severity_number = 0;  // the worst seen
  std::string severity_text;
  int64_t count = 0;                            // in the window
  int64_t baseline_count = 0;                   // in the baseline
  int64_t first_seen_ns = 0, last_seen_ns = 0;  // in the window
  bool is_new = false;                          // never seen in the baseline
  std::string trace_id;                         // a trace it was logged in, if any
};

/// An operation (request name) with failed or slow requests in the window.
struct Operation {
  std::string name;
  int64_t requests = 0;  // all its requests in the window
  int64_t failed = 0;    // status error
  int64_t slow = 0;      // not failed, but longer than the slow threshold
  int64_t baseline_failed = 0;
  int64_t max_duration_ns = 0;
  std::vector<std::pair<std::string, int64_t>> result_codes;  // of its failed and slow requests, most first
};

/// One metric of the service's requests, bucket by bucket, scored against its reference.
struct MetricShift {
  std::string metric;  // request_rate, error_rate, latency_p50, latency_p95, latency_p99
  std::string unit;    // "/s", "ratio", "ms"
  std::optional<double> window_value, baseline_value;  // over the whole window and baseline
  double reference_median = 0, reference_mad = 0;      // what a bucket is scored against
  bool reference_is_baseline = false;                  // false: the window's own buckets
  double score = 0;                                    // the largest |robust z| in the window, signed
  bool shifted = false;                                // |score| >= kShiftThreshold
  int64_t shift_start_ns = 0;                          // the first bucket of the shift (0: none)
  int64_t peak_ns = 0;                                 // the bucket with the largest |score|
  std::vector<std::optional<double>> points;           // per window bucket (nullopt: no requests)
};

/// One section of a trace's critical path.
struct PathStep {
  std::string service, name, span_id;
  int64_t start_ns = 0, end_ns = 0;
  bool error = false;
};

struct ExampleTrace {
  std::string why;  // "slowest failing request", "most common failing pattern", ...
  std::string trace_id, name, status_code;
  int64_t start_ns = 0, duration_ns = 0;
  std::vector<PathStep> critical_path;
  std::vector<std::string> exceptions;  // exception messages on its spans, and its error logs
};

/// A query the report ran, as `--explain` shows it.
struct RanQuery {
  std::string purpose;
  std::string signal;
  std::string native;
};

struct Report {
  std::string service;
  ir::TimeRange window, baseline;
  int64_t bucket_ns = 0;
  bool baseline_has_data = false;  // requests in at least six of its buckets: the metrics' reference
  std::vector<Pattern> patterns;
  std::vector<Operation> operations;
  std::vector<MetricShift> shifts;
  std::vector<ExampleTrace> examples;
  std::vector<RanQuery> queries;
  std::vector<std::string> warnings;  // cut answers, partial results
  int64_t elapsed_ns = 0;
};

/// A |robust z| at or above this marks a shifted bucket (Iglewicz and Hoaglin's 3.5).
inline constexpr double kShiftThreshold = 3.5;

/// How the report reaches a backend: the engine's own calls, or a host's wrapper around them (the
/// server's worker pool, a test's fake).
struct QueryCalls {
  std::function<Expected<ir::Query>(const QuerySpec&)> build;
  std::function<Expected<Explanation>(const ir::Query&)> explain;
  std::function<Expected<QueryResult>(const ir::Query&)> collect;
};

/// Builds the report; invalid_query names a bad option, other errors are the backend's.
Expected<Report> build_report(const QueryCalls& calls, const ReportOptions& options);
Expected<Report> build_report(Engine& engine, const ReportOptions& options, const RunOptions& run = {});

/// The report as one JSON object (the numbers, no drawing): what the CLI's -o json, the server's
/// POST /api/v1/incident and the MCP tool incident_report return.
std::string to_json(const Report& report);

/// The report read back from to_json's text (a remote report, for printing); a member of the wrong
/// type is an error naming it.
Expected<Report> report_from_json(std::string_view json);

}  // namespace tinkr::incident
