// The Log Analytics query request: POST {endpoint}/v1/workspaces/{id}/query with
// {"query": kql, "timespan": "start/end"} and Prefer: wait=N (the server-side timeout); .../search with
// the same body for a Basic or Auxiliary table (QueryContext::search_endpoint; timespan required).
#pragma once

#include "common/query_context.hpp"

#include <tinkr/sdk/ir.hpp>

#include <string>

namespace tinkr::azure {

/// "2024-05-01T09:00:00Z/2024-05-01T10:00:00Z"; empty for an unset range (both ends 0). Throws
/// sdk::Error(TINKR_INVALID_QUERY) when from is not before to.
std::string timespan_of(const ir::TimeRange& range);

/// True when the range is set.
inline bool has_time(const ir::TimeRange& range) {
  return range.from_ns != 0 || range.to_ns != 0;
}

RequestPlan make_log_analytics_plan(std::string kql, const ir::TimeRange& range, const QueryContext& context);

/// ` | where TimeGenerated between (datetime(a) .. datetime(b))`, or nothing for an unset range.
void append_time_clause(std::string& kql, std::string_view column, const ir::TimeRange& range);

/// ` | where TimeGenerated >= datetime(a) and TimeGenerated < datetime(b)`: [from, to), as the IR means it.
void append_half_open_time_clause(std::string& kql, std::string_view column, const ir::TimeRange& range);

/// Native passthrough: the user's KQL as is, the time range as timespan only.
RequestPlan lower_native(const ir::Query& query, const QueryContext& context);

}  // namespace tinkr::azure
