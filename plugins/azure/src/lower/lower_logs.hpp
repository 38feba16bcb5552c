// Logs -> KQL over the table the resource-type hint names (kql/tables.hpp). The page's example
// (service payments-api, last hour, severity >= warn, 100 rows) becomes:
//   AppTraces | where TimeGenerated between (datetime(2024-05-01T09:00:00Z) ..
//   datetime(2024-05-01T10:00:00Z)) | where AppRoleName == "payments-api" | where SeverityLevel >= 2 |
//   project TimeGenerated, Message, SeverityLevel, Properties | order by TimeGenerated desc | take 100
// (one line). The service column is projected only when the query does not fix the service.
#pragma once

#include "common/query_context.hpp"

#include <tinkr/sdk/ir.hpp>

#include <string>

namespace tinkr::azure {

/// The KQL alone; throws sdk::Error for unknown resource types, fields or bad values.
std::string lower_logs_kql(const ir::Query& query);

/// How the time range becomes KQL: `between` (both ends; the page's shape) or a half-open slice
/// `TimeGenerated >= datetime(a) and TimeGenerated < datetime(b)`, which slices use so that a row on a
/// boundary belongs to exactly one slice.
enum class TimeBounds { inclusive, half_open };

/// The table, time range, service and filters: what every logs query over the table shares.
std::string lower_logs_scope_kql(const ir::Query& query, TimeBounds bounds);

/// The table, time range, service and filters, and the projection: the part of the logs KQL before
/// ordering, which slices and their row counts share.
std::string lower_logs_rows_kql(const ir::Query& query, TimeBounds bounds);

/// ` | order by <the order field's column> desc|asc` and ` | take N` (none for 0).
void append_order_and_take(std::string& kql, const ir::Query& query, int64_t take);

RequestPlan lower_logs(const ir::Query& query, const QueryContext& context);

/// log_groups: the same rows counted per distinct message and level in Log Analytics, so that one row
/// per message crosses the network instead of one per record. For AppTraces:
///   AppTraces | where TimeGenerated between (...) | where AppRoleName == "payments-api" |
///   where SeverityLevel >= 2 | summarize Count = sum(ItemCount), FirstSeen = min(TimeGenerated),
///   LastSeen = max(TimeGenerated), TraceId = take_anyif(OperationId, isnotempty(OperationId)) by
///   Message, SeverityLevel | order by Count desc, Message asc | take 50000
/// A table without a level groups by message alone; one without ItemCount counts rows.
std::string lower_log_groups_kql(const ir::Query& query);
RequestPlan lower_log_groups(const ir::Query& query, const QueryContext& context);

}  // namespace tinkr::azure
