// Traces -> KQL over Application Insights' request, dependency and exception tables.
//
// Search (failed or slow requests of a service, slowest first), one line:
//   AppRequests | where TimeGenerated between (...) | where AppRoleName == "payments-api"
//   | where Success == false or DurationMs > 500
//   | project OperationId, Name, DurationMs, Success, ResultCode, TimeGenerated
//   | order by DurationMs desc | take 20
// Get (one whole trace; rows become a span tree in traces/span_tree.hpp):
//   union AppRequests, AppDependencies, AppExceptions | where TimeGenerated between (...)
//   | where OperationId == "4bf92f3577b34da6a3ce929d0e0e4736" | project <kTraceColumns> | take 10001
#pragma once

#include "common/query_context.hpp"

#include <tinkr/sdk/ir.hpp>

#include <string>

namespace tinkr::azure {

/// Rows a trace may have before the answer is cut (and a warning says so).
inline constexpr int64_t kMaxTraceRows = 10000;

std::string lower_trace_search_kql(const ir::Query& query);
std::string lower_trace_get_kql(const ir::Query& query);

RequestPlan lower_trace_search(const ir::Query& query, const QueryContext& context);
RequestPlan lower_trace_get(const ir::Query& query, const QueryContext& context);

}  // namespace tinkr::azure
