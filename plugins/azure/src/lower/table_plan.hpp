// Basic and Auxiliary tables (issue 16.5). Log Analytics queries a table on these plans through
// POST {endpoint}/v1/workspaces/{id}/search, not /query, and bills the query per GB of data scanned.
// What Microsoft documents for such queries ("Query data in a Basic and Auxiliary table in Azure
// Monitor Logs", learn.microsoft.com/azure/azure-monitor/logs/basic-logs-query), and what is refused
// here before anything is sent, naming the cause:
//   - one table only: the operators that bring in other data (join, union, lookup, find, search,
//     externaldata) and cross-resource functions (workspace(), app(), resource(), adx(), arg()) are
//     not supported;
//   - the time range comes from the request's timespan, which is required (a `where` on
//     TimeGenerated in the query does not set it);
//   - reach: a query without Auxiliary tables covers the last 30 days; one over an Auxiliary table the
//     table's total retention, at most 12 years (older Basic data needs a search job).
// Which tables are on which plan comes from the profile (options basic_tables, auxiliary_tables): the
// plugin never asks ARM, so --explain can say what a query will cost without any request.
#pragma once

#include "common/query_context.hpp"

#include <tinkr/sdk/ir.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace tinkr::azure {

/// "Analytics", "Basic", "Auxiliary".
std::string_view plan_name(TablePlan plan);

/// The plan the profile gives a table (names compared exactly, as KQL compares table names).
TablePlan plan_of(const TablePlans& plans, std::string_view table);

/// A Basic or Auxiliary table a query reads.
struct RestrictedTable {
  std::string table;
  TablePlan plan = TablePlan::basic;
};

/// The Basic or Auxiliary table the KQL names, if any (names in literals and comments do not count).
/// Throws sdk::Error(TINKR_INVALID_QUERY) when it names two: such queries read one table.
std::optional<RestrictedTable> restricted_table_in(std::string_view kql, const TablePlans& plans);

/// Refuses what /search cannot run (see the top of this file), before sending: an operator or
/// function that reads other data, a missing time range, a range older than the plan reaches.
void check_restricted_query(std::string_view kql, const RestrictedTable& table, const ir::TimeRange& range,
                            int64_t now_ns);

/// What --explain says before running: "// ContainerLogV2 is a Basic table: ...".
std::string billing_note(const RestrictedTable& table);

}  // namespace tinkr::azure
