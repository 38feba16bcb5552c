// lower.hpp: each signal's IR as one SQL statement over the local tables (pure functions: no
// database, no clock). explain shows exactly these statements.
#pragma once

#include "sql.hpp"

#include <tinkr/sdk/ir.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace tinkr::local {

/// Log records of the query's service, time range and filter, in the asked order, limited.
/// Columns: time_unix_nano, severity_number, severity_text, body, service, trace_id, span_id,
/// attributes, item_count.
SqlQuery lower_logs(const ir::Query& query);

/// One row per trace that has a span matching the query (service, time of the span's start, filter):
/// the first-starting matched span (the longest on a tie) describes the trace, with the trace's span
/// and error counts. Ordered by duration or time; limited.
/// Columns: trace_id, service, name, start_unix_nano, duration_ns, status, status_code, span_count,
/// error_count.
SqlQuery lower_trace_search(const ir::Query& query);

/// Every span of query.trace_id (lowercased) passing the filter, by start time, each with an orphan
/// flag (its parent is not in the trace).
/// Columns: trace_id, span_id, parent_span_id, service, name, kind, start_unix_nano, duration_ns,
/// status, status_code, attributes, events, orphan.
SqlQuery lower_trace_get(const ir::Query& query);

/// Metric points aggregated per metric, group-by dimensions and time bucket.
struct MetricsPlan {
  SqlQuery sql;  // columns: metric, unit, kind, bucket, sum, count, min, max, then one per group_by
  int64_t from_ns = 0;
  int64_t interval_ns = 0;
  int64_t bucket_count = 0;
  std::vector<std::string> group_by;
};

/// Throws sdk::Error(TINKR_INVALID_QUERY) without a time range or with too many buckets.
MetricsPlan lower_metrics(const ir::Query& query);

/// The interval chosen when the query gives none: about 60 points over the range, rounded up to
/// 1m, 5m, 15m, 1h, 6h or 1d.
int64_t default_interval_ns(int64_t range_ns);

}  // namespace tinkr::local
