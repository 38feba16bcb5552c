// lower_traces.cpp: trace search and trace retrieval as SQL.
#include "lower.hpp"

#include "lower_filter.hpp"

#include <tinkr/sdk/error.hpp>

#include <algorithm>

namespace tinkr::local {

namespace {

std::string order_column(const ir::Order& order) {
  if (order.field == "duration") return "duration_ns";
  if (order.field == "time") return "start_unix_nano";
  if (order.field == "name" || order.field == "service") return order.field;
  throw sdk::Error(TINKR_INVALID_QUERY, "local backend: cannot order traces by '" + order.field +
                                            "' (known: duration, time, name, service)");
}

}  // namespace

SqlQuery lower_trace_search(const ir::Query& query) {
  SqlQuery sql;
  std::string where = lower_scope(query, Table::spans, sql);
  sql.text =
      "WITH matched AS (SELECT trace_id, service, name, start_unix_nano, duration_ns, status, status_code,"
      " row_number() OVER (PARTITION BY trace_id ORDER BY start_unix_nano, duration_ns DESC) AS pick"
      " FROM spans WHERE " +
      where +
      ")"
      " SELECT m.trace_id, m.service, m.name, m.start_unix_nano, m.duration_ns, m.status, m.status_code,"
      " (SELECT count(*) FROM spans s WHERE s.trace_id = m.trace_id),"
      " (SELECT count(*) FROM spans s WHERE s.trace_id = m.trace_id AND s.status = 'error')"
      " FROM matched m WHERE m.pick = 1 ORDER BY m." +
      order_column(query.order) + (query.order.descending ? " DESC" : " ASC") + ", m.trace_id";
  if (query.limit > 0) sql.text += " LIMIT " + sql.param(query.limit);
  return sql;
}

SqlQuery lower_trace_get(const ir::Query& query) {
  if (query.trace_id.empty()) throw sdk::Error(TINKR_INVALID_QUERY, "trace_get needs a trace_id");
  std::string trace_id = query.trace_id;
  std::transform(trace_id.begin(), trace_id.end(), trace_id.begin(),
                 [](char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
  SqlQuery sql;
  std::string where = "trace_id = " + sql.param(trace_id);
  // The window selects the trace, not its spans: a trace with any span starting inside it comes back
  // whole, as the user asked for "the trace", and one entirely outside it is not found.
  if (query.time.from_ns != 0 || query.time.to_ns != 0) {
    where += " AND EXISTS (SELECT 1 FROM spans w WHERE w.trace_id = s.trace_id";
    if (query.time.from_ns != 0) where += " AND w.start_unix_nano >= " + sql.param(query.time.from_ns);
    if (query.time.to_ns != 0) where += " AND w.start_unix_nano < " + sql.param(query.time.to_ns);
    where += ")";
  }
  if (!query.filter.is_all()) where += " AND " + lower_filter(query.filter, Table::spans, sql);
  sql.text =
      "SELECT trace_id, span_id, parent_span_id, service, name, kind, start_unix_nano, duration_ns, status,"
      " status_code, attributes, events,"
      " parent_span_id <> '' AND NOT EXISTS (SELECT 1 FROM spans p WHERE p.trace_id = s.trace_id"
      " AND p.span_id = s.parent_span_id)"
      " FROM spans s WHERE " +
      where + " ORDER BY start_unix_nano, span_id";
  return sql;
}

}  // namespace tinkr::local
