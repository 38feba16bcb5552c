// lower.hpp: each signal's IR as one SQL statement over the local tables (pure functions: no
// database, no clock). explain shows exactly these statements.
#pragma once

#include "sql.hpp"

#include <tinkr/sdk/ir.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tinkr::local {

/// Log records of the query's service, time range and filter, in the asked order, limited.
/// Columns: time_unix_nano, severity_number, severity_text, body, service, trace_id, span_id,
/// attributes, item_count.
SqlQuery lower_logs(const ir::Query& query);

/// The log_groups signal: the logs lower_logs would select, one row per distinct (body, severity),
/// most frequent first (then by body, so that ties come in a stable order), limited.
/// Columns: body, severity_number, severity_text, count, first time, last time, a trace id ("" when
/// none) — sdk/log_groups.hpp's order.
SqlQuery lower_log_groups(const ir::Query& query);

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

/// ", CAST(json_extract(<json_column>, '$."<name>"') AS TEXT) AS g<i>" per group-by name (bound as
/// parameters). Throws sdk::Error(TINKR_INVALID_QUERY) for a name holding a double quote.
std::string group_columns(const std::vector<std::string>& group_by, std::string_view json_column,
                          SqlQuery& sql);

/// The metric_points conditions of a metrics query: service, time range, metric names, dimension filter.
std::string metric_points_where(const ir::Query& query, SqlQuery& sql);

/// The values percentiles are taken over, for a metrics query asking one (metric_percentiles.cpp):
/// each gauge and sum point's value. Columns: metric, bucket, value, then one per group_by.
SqlQuery lower_point_values(const ir::Query& query, const MetricsPlan& plan);

/// The durations of the service's server spans, in nanoseconds, per bucket of their start: the values
/// the percentiles of a request-duration histogram (http.server.duration) are taken over. Dimensions
/// are the spans' attributes. Columns: bucket, duration_ns, then one per group_by.
SqlQuery lower_span_durations(const ir::Query& query, const MetricsPlan& plan);

/// The interval chosen when the query gives none: about 60 points over the range, rounded up to
/// 1m, 5m, 15m, 1h, 6h or 1d.
int64_t default_interval_ns(int64_t range_ns);

}  // namespace tinkr::local
