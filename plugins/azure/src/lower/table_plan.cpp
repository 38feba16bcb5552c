// Basic and Auxiliary tables; see table_plan.hpp.
#include "lower/table_plan.hpp"

#include "kql/literal.hpp"
#include "kql/scan.hpp"
#include "lower/log_analytics_plan.hpp"

#include <tinkr/sdk/error.hpp>

#include <algorithm>
#include <array>
#include <span>

namespace tinkr::azure {

namespace {

constexpr int64_t kDayNs = int64_t{86'400} * 1'000'000'000;
constexpr int64_t kBasicReachDays = 30;
constexpr int64_t kAuxiliaryReachDays = 4383;  // 12 years, the longest total retention

// Tabular operators that bring other tables' data into the query.
constexpr std::array<std::string_view, 6> kOtherDataOperators = {"join", "union",  "lookup",
                                                                 "find", "search", "externaldata"};
// Functions that reach another workspace, application, resource or service.
constexpr std::array<std::string_view, 6> kCrossResourceFunctions = {"workspace", "app", "resource",
                                                                     "adx",       "arg", "externaldata"};

bool contains(std::span<const std::string_view> names, std::string_view word) {
  return std::find(names.begin(), names.end(), word) != names.end();
}

bool contains(const std::vector<std::string>& names, std::string_view word) {
  return std::find(names.begin(), names.end(), word) != names.end();
}

std::string subject(const RestrictedTable& table) {
  return std::string(plan_name(table.plan)) + " table '" + table.table + "'";
}

}  // namespace

std::string_view plan_name(TablePlan plan) {
  switch (plan) {
    case TablePlan::basic:
      return "Basic";
    case TablePlan::auxiliary:
      return "Auxiliary";
    case TablePlan::analytics:
      break;
  }
  return "Analytics";
}

TablePlan plan_of(const TablePlans& plans, std::string_view table) {
  if (contains(plans.basic, table)) return TablePlan::basic;
  if (contains(plans.auxiliary, table)) return TablePlan::auxiliary;
  return TablePlan::analytics;
}

std::optional<RestrictedTable> restricted_table_in(std::string_view kql, const TablePlans& plans) {
  if (plans.basic.empty() && plans.auxiliary.empty()) return std::nullopt;
  std::optional<RestrictedTable> found;
  for (const kql::Word& word : kql::scan_words(kql)) {
    if (word.after_dot || word.called) continue;
    const TablePlan plan = plan_of(plans, word.text);
    if (plan == TablePlan::analytics) continue;
    if (found && found->table != word.text)
      throw sdk::Error(TINKR_INVALID_QUERY,
                       "the query names " + subject(*found) + " and " +
                           subject({std::string(word.text), plan}) +
                           ": a query over a Basic or Auxiliary table reads that one table only");
    if (!found) found = RestrictedTable{std::string(word.text), plan};
  }
  return found;
}

void check_restricted_query(std::string_view kql, const RestrictedTable& table, const ir::TimeRange& range,
                            int64_t now_ns) {
  for (const kql::Word& word : kql::scan_words(kql)) {
    const bool other_data = word.starts_stage && contains(kOtherDataOperators, word.text);
    const bool cross_resource =
        word.called && !word.after_dot && contains(kCrossResourceFunctions, word.text);
    if (other_data || cross_resource)
      throw sdk::Error(
          TINKR_UNSUPPORTED,
          "'" + std::string(word.text) + (cross_resource ? "()" : "") + "' is not supported on " +
              subject(table) +
              ": Log Analytics' /search endpoint runs a query over that one table only (no join, "
              "union, lookup, find, search, externaldata or cross-resource functions)");
  }
  if (!has_time(range))
    throw sdk::Error(
        TINKR_INVALID_QUERY,
        "a query over " + subject(table) +
            " needs a time range: Log Analytics' /search endpoint requires a timespan (a where on "
            "TimeGenerated does not set it); give --since, or --from and --to");
  const int64_t reach_days = table.plan == TablePlan::auxiliary ? kAuxiliaryReachDays : kBasicReachDays;
  const int64_t earliest = now_ns - reach_days * kDayNs;
  if (range.from_ns < earliest)
    throw sdk::Error(TINKR_INVALID_QUERY,
                     "the time range starts at " + kql::format_iso8601(range.from_ns) + ", " +
                         std::to_string((now_ns - range.from_ns) / kDayNs) + " days ago; " + subject(table) +
                         " can be queried over the last " + std::to_string(reach_days) + " days only" +
                         (table.plan == TablePlan::basic ? " (older data needs a search job)" : "") +
                         ": start at or after " + kql::format_iso8601(earliest));
}

std::string billing_note(const RestrictedTable& table) {
  return "// " + table.table + " is a " + std::string(plan_name(table.plan)) +
         " table: this query goes to Log Analytics' /search endpoint and is billed per GB of data scanned";
}

}  // namespace tinkr::azure
