// Trace lowering; see lower_traces.hpp.
#include "lower/lower_traces.hpp"

#include "kql/filter.hpp"
#include "kql/literal.hpp"
#include "lower/log_analytics_plan.hpp"
#include "traces/span_fields.hpp"

#include <tinkr/sdk/error.hpp>

namespace tinkr::azure {

namespace {

std::string_view order_column(std::string_view field) {
  if (field == "duration") return "DurationMs";
  if (field == "time") return "TimeGenerated";
  if (field == "name") return "Name";
  if (field == "status_code") return "ResultCode";
  throw sdk::Error(TINKR_UNSUPPORTED, "trace search cannot be ordered by '" + std::string(field) + "'");
}

}  // namespace

std::string lower_trace_search_kql(const ir::Query& query) {
  const traces::SpanFieldMap fields("AppRequests");
  std::string kql = "AppRequests";
  append_time_clause(kql, "TimeGenerated", query.time);
  if (!query.service.empty()) {
    kql += " | where ";
    kql::append_condition(kql, ir::Filter::make_predicate("service", ir::Op::eq, {query.service}), fields,
                          true);
  }
  kql::append_where_clauses(kql, query.filter, fields);
  kql += " | project OperationId, Name, DurationMs, Success, ResultCode, TimeGenerated";
  if (query.service.empty()) kql += ", AppRoleName";
  kql += " | order by ";
  kql += order_column(query.order.field);
  kql += query.order.descending ? " desc" : " asc";
  if (query.limit < 0) throw sdk::Error(TINKR_INVALID_QUERY, "limit must not be negative");
  if (query.limit > 0) {
    kql += " | take ";
    kql::append_long(kql, query.limit);
  }
  return kql;
}

std::string lower_trace_get_kql(const ir::Query& query) {
  if (query.trace_id.empty()) throw sdk::Error(TINKR_INVALID_QUERY, "trace_get needs a trace id");
  std::string kql = "union AppRequests, AppDependencies, AppExceptions";
  append_time_clause(kql, "TimeGenerated", query.time);
  kql += " | where OperationId == ";
  kql::append_string(kql, query.trace_id, "trace id");
  kql +=
      " | project TimeGenerated, Type, Id, ParentId, OperationId, Name, DurationMs, Success, ResultCode, "
      "AppRoleName, "
      "DependencyType, Target, ExceptionType, OuterMessage, Properties | take ";
  kql::append_long(kql, kMaxTraceRows + 1);
  return kql;
}

RequestPlan lower_trace_search(const ir::Query& query, const QueryContext& context) {
  return make_log_analytics_plan(lower_trace_search_kql(query), query.time, context);
}

RequestPlan lower_trace_get(const ir::Query& query, const QueryContext& context) {
  return make_log_analytics_plan(lower_trace_get_kql(query), query.time, context);
}

}  // namespace tinkr::azure
