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

RequestPlan lower_logs(const ir::Query& query, const QueryContext& context);

}  // namespace tinkr::azure
