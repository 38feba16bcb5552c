// The issue's reference query and what a host does with it before any I/O: parse the text, plan it
// against the Azure plugin's capabilities, serialise the pushed IR. Shared by bench_query (wall
// clock) and query_loop (instruction counts under callgrind), so both measure the same body.
#pragma once

#include <tinkr/ir.hpp>
#include <tinkr/planner.hpp>
#include <tinkr/query.hpp>

#include <cstdlib>
#include <string>
#include <utility>

namespace tinkr::bench {

inline constexpr const char* kReferenceQuery =
    R"(level:(ERROR OR CRITICAL) AND "connection timeout" AND NOT "health check")";

// describe() of the Azure plugin, as agreed: a realistic split, with a residual.
inline constexpr const char* kAzureCapabilities = R"({
  "name": "azure", "signals": ["logs", "metrics", "trace_search", "trace_get", "native"],
  "pushdown": {
    "fields": ["time", "severity", "body", "service", "trace_id", "span_id", "attributes.*", "name", "duration",
               "status", "status_code", "kind", "parent_span_id"],
    "operators": ["eq", "ne", "lt", "le", "gt", "ge", "in", "contains", "startswith", "matches", "exists"],
    "exact_operators": ["eq", "ne", "lt", "le", "gt", "ge", "in"],
    "text_search": true, "or": true, "not": true, "order": true, "limit": true, "max_limit": 30000
  }})";

inline planner::Capabilities azure_capabilities() {
  auto caps = planner::parse_capabilities(kAzureCapabilities);
  if (!caps) std::abort();
  return *caps;
}

inline ir::Query base_query() {
  ir::Query query;
  query.service = "checkout";
  query.time = {1795597200000000000, 1795600800000000000};
  query.limit = 100;
  return query;
}

/// One parse + plan + serialise of the reference query, from `base` as a host would build it, then
/// `use(plan, json)` on the plan and the pushed IR's JSON; nothing outlives the call.
template <typename Use>
void parse_plan_serialise(const ir::Query& base, const planner::Capabilities& caps, Use&& use) {
  ir::Query query = base;
  auto filter = query::parse_filter(kReferenceQuery, 0);
  if (!filter) std::abort();
  query.filter = std::move(*filter);
  auto plan = planner::plan(query, caps);
  if (!plan) std::abort();
  std::string json = ir::to_json(plan->pushed);
  use(*plan, json);
}

}  // namespace tinkr::bench
