// Logs lowering; see lower_logs.hpp.
#include "lower/lower_logs.hpp"

#include "kql/filter.hpp"
#include "kql/literal.hpp"
#include "lower/log_analytics_plan.hpp"

#include <tinkr/sdk/error.hpp>

namespace tinkr::azure {

namespace {

void append_projection(std::string& kql, const kql::ColumnRef& c, bool& first) {
  if (!c.available()) return;
  kql += first ? " | project " : ", ";
  first = false;
  kql += c.column;
  if (!c.expression.empty()) {
    kql += " = ";
    kql += c.expression;
  }
}

std::string_view order_column(const kql::TableMapping& table, std::string_view field) {
  const kql::ColumnRef* c = nullptr;
  if (field == "time")
    c = &table.time;
  else if (field == "severity")
    c = &table.severity;
  else if (field == "body")
    c = &table.body;
  else if (field == "service")
    c = &table.service;
  if (!c || !c->available())
    throw sdk::Error(TINKR_UNSUPPORTED, "logs of " + std::string(table.table) + " cannot be ordered by '" +
                                            std::string(field) + "'");
  return c->column;
}

bool mentions_field(const ir::Filter& filter, std::string_view field) {
  if (filter.kind == ir::Filter::Kind::predicate) return filter.predicate.field == field;
  for (const auto& child : filter.children)
    if (mentions_field(child, field)) return true;
  return false;
}

}  // namespace

std::string lower_logs_scope_kql(const ir::Query& query, TimeBounds bounds) {
  const kql::TableMapping& table = kql::table_for(query.resource_type);
  const kql::LogFieldMap fields(table);
  std::string kql;
  kql.reserve(256);
  kql += table.table;
  if (bounds == TimeBounds::inclusive)
    append_time_clause(kql, table.time.column, query.time);
  else
    append_half_open_time_clause(kql, table.time.column, query.time);
  if (!query.service.empty()) {
    kql += " | where ";
    kql::append_condition(kql, ir::Filter::make_predicate("service", ir::Op::eq, {query.service}), fields,
                          true);
  }
  kql::append_where_clauses(kql, query.filter, fields);
  return kql;
}

std::string lower_logs_rows_kql(const ir::Query& query, TimeBounds bounds) {
  const kql::TableMapping& table = kql::table_for(query.resource_type);
  std::string kql = lower_logs_scope_kql(query, bounds);
  bool first = true;
  append_projection(kql, table.time, first);
  append_projection(kql, table.body, first);
  append_projection(kql, table.severity, first);
  append_projection(kql, table.attributes, first);
  if (query.service.empty()) append_projection(kql, table.service, first);
  return kql;
}

void append_order_and_take(std::string& kql, const ir::Query& query, int64_t take) {
  const kql::TableMapping& table = kql::table_for(query.resource_type);
  kql += " | order by ";
  kql += order_column(table, query.order.field);
  kql += query.order.descending ? " desc" : " asc";
  if (take < 0) throw sdk::Error(TINKR_INVALID_QUERY, "limit must not be negative");
  if (take > 0) {
    kql += " | take ";
    kql::append_long(kql, take);
  }
}

std::string lower_logs_kql(const ir::Query& query) {
  std::string kql = lower_logs_rows_kql(query, TimeBounds::inclusive);
  append_order_and_take(kql, query, query.limit);
  return kql;
}

std::string lower_log_groups_kql(const ir::Query& query) {
  const kql::TableMapping& table = kql::table_for(query.resource_type);
  std::string kql = lower_logs_scope_kql(query, TimeBounds::inclusive);
  // A sampled row stands for ItemCount records; a group's trace is any non-empty id of its rows.
  kql += table.item_count.available()
             ? " | summarize Count = sum(" + std::string(table.item_count.column) + ")"
             : std::string(" | summarize Count = count()");
  kql += ", FirstSeen = min(";
  kql += table.time.column;
  kql += "), LastSeen = max(";
  kql += table.time.column;
  kql += ")";
  if (table.trace_id.available()) {
    kql += ", TraceId = take_anyif(";
    kql += table.trace_id.column;
    kql += ", isnotempty(";
    kql += table.trace_id.column;
    kql += "))";
  }
  bool first = true;
  for (const kql::ColumnRef* c : {&table.body, &table.severity}) {
    if (!c->available()) continue;
    kql += first ? " by " : ", ";
    first = false;
    kql += c->column;
    if (!c->expression.empty()) {
      kql += " = ";
      kql += c->expression;
    }
  }
  kql += " | order by Count desc, ";
  kql += table.body.column;
  kql += " asc";
  if (query.limit < 0) throw sdk::Error(TINKR_INVALID_QUERY, "limit must not be negative");
  if (query.limit > 0) {
    kql += " | take ";
    kql::append_long(kql, query.limit);
  }
  return kql;
}

RequestPlan lower_log_groups(const ir::Query& query, const QueryContext& context) {
  return make_log_analytics_plan(lower_log_groups_kql(query), query.time, context);
}

RequestPlan lower_logs(const ir::Query& query, const QueryContext& context) {
  RequestPlan plan = make_log_analytics_plan(lower_logs_kql(query), query.time, context);
  // A query for rows ingested since a moment (tail's polls) must see the rows just ingested: the
  // query API otherwise may serve an answer cached for up to 2 minutes.
  if (mentions_field(query.filter, "ingestion_time") && !context.no_cache)
    plan.headers.push_back({"Cache-Control", "no-cache"});
  return plan;
}

}  // namespace tinkr::azure
