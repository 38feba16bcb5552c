// lower_logs.cpp: the logs signal as SQL.
#include "lower.hpp"

#include "lower_filter.hpp"

#include <tinkr/sdk/error.hpp>

namespace tinkr::local {

namespace {

std::string order_column(const ir::Order& order) {
  if (order.field == "time") return "time_unix_nano";
  if (order.field == "severity") return "severity_number";
  if (order.field == "service" || order.field == "body") return order.field;
  throw sdk::Error(TINKR_INVALID_QUERY, "local backend: cannot order logs by '" + order.field +
                                            "' (known: time, severity, service, body)");
}

}  // namespace

SqlQuery lower_logs(const ir::Query& query) {
  SqlQuery sql;
  std::string where = lower_scope(query, Table::logs, sql);
  sql.text =
      "SELECT time_unix_nano, severity_number, severity_text, body, service, trace_id, span_id, attributes, "
      "item_count"
      " FROM logs WHERE " +
      where + " ORDER BY " + order_column(query.order) + (query.order.descending ? " DESC" : " ASC");
  if (query.limit > 0) sql.text += " LIMIT " + sql.param(query.limit);
  return sql;
}

SqlQuery lower_log_groups(const ir::Query& query) {
  SqlQuery sql;
  std::string where = lower_scope(query, Table::logs, sql);
  // A sampled record stands for item_count of them; a trace id is any non-empty one of the group's.
  sql.text =
      "SELECT body, severity_number, severity_text, sum(max(item_count, 1)) AS n, min(time_unix_nano), "
      "max(time_unix_nano), coalesce(max(nullif(trace_id, '')), '') FROM logs WHERE " +
      where + " GROUP BY body, severity_number, severity_text ORDER BY n DESC, body";
  if (query.limit > 0) sql.text += " LIMIT " + sql.param(query.limit);
  return sql;
}

}  // namespace tinkr::local
