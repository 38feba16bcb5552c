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
  const std::string where = lower_scope(query, Table::spans, sql);
  const std::string direction = query.order.descending ? " DESC" : " ASC";
  const std::string limit = query.limit > 0 ? " LIMIT " + sql.param(query.limit) : "";
  // A trace's summary is its first matching span (the longest of those starting together: the parent),
  // with the whole trace's span and error counts. Ranking every matching span with a window function
  // is what costs: about 100 ms on the demo's 50,000-span hour. Ordered by time or duration with a
  // limit, the page is known from each trace's first start (and the longest span starting then), two
  // aggregates the covering index spans_start_trace answers, so only the page's spans are ranked:
  // about 25 ms.
  std::string candidates = "spans WHERE " + where;
  if (!limit.empty() && (query.order.field == "time" || query.order.field == "duration")) {
    const std::string key =
        query.order.field == "time"
            ? "first"
            : "(SELECT max(duration_ns) FROM spans WHERE start_unix_nano = firsts.first AND "
              "trace_id = firsts.trace_id AND " +
                  where + ")";
    candidates =
        "spans WHERE trace_id IN (SELECT trace_id FROM (SELECT trace_id, min(start_unix_nano) AS first"
        " FROM spans WHERE " +
        where + " GROUP BY trace_id) AS firsts ORDER BY " + key + direction + ", trace_id" + limit +
        ") AND " + where;
  }
  sql.text =
      "WITH matched AS (SELECT trace_id, service, name, start_unix_nano, duration_ns, status, status_code,"
      " row_number() OVER (PARTITION BY trace_id ORDER BY start_unix_nano, duration_ns DESC) AS pick"
      " FROM " +
      candidates +
      ")"
      " SELECT m.trace_id, m.service, m.name, m.start_unix_nano, m.duration_ns, m.status, m.status_code,"
      " (SELECT count(*) FROM spans s WHERE s.trace_id = m.trace_id),"
      " (SELECT count(*) FROM spans s WHERE s.trace_id = m.trace_id AND s.status = 'error')"
      " FROM matched m WHERE m.pick = 1 ORDER BY m." +
      order_column(query.order) + direction + ", m.trace_id" + limit;
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
