// Every query shape the Azure plugin can lower, by name: the golden plans (tests/unit/plugins/azure/lower)
// and the official KQL parser check (tests/kql) both run over this list.
#pragma once

#include "common/query_context.hpp"

#include <tinkr/sdk/ir.hpp>

#include <string>
#include <vector>

namespace tinkr::azure::testing {

struct PlanCase {
  std::string name;
  ir::Query query;
};

/// 2024-05-01T10:00:00Z, the "now" of every case.
inline constexpr int64_t kNow = 1714557600LL * 1'000'000'000;
inline constexpr int64_t kHour = 3600LL * 1'000'000'000;

/// The profile the cases lower against (endpoints of the public cloud).
QueryContext test_context();

/// The page's example: service payments-api, last hour, severity >= warn, 100 rows.
ir::Query page_log_query();

/// Log Analytics cases (logs, traces, native), each lowering to KQL.
std::vector<PlanCase> kql_cases();

/// Metrics cases (a full resource id as service, so lowering needs no I/O).
std::vector<PlanCase> metrics_cases();

/// Hostile strings: quotes, backslashes, newlines, |, //, "; .drop, non-ASCII, control characters.
std::vector<std::string> injection_values();

/// One log query per injection value and place a user value can go (service, body, attribute key and
/// value, regex, in-list, trace id); name says which.
std::vector<PlanCase> injection_cases();

}  // namespace tinkr::azure::testing
