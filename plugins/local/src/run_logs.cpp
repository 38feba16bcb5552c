// run_logs.cpp: log rows to LogRecords, and log groups to the log_groups table.
#include "lower.hpp"
#include "run.hpp"

#include <tinkr/sdk/log_groups.hpp>

namespace tinkr::local {

void run_logs(Connection& connection, const ir::Query& query, sdk::Sink& sink) {
  SqlQuery sql = lower_logs(query);
  Statement stmt(connection, sql.text);
  bind_all(stmt, sql);
  while (stmt.step()) {
    sdk::LogRecord r;
    r.time_ns = stmt.column_int(0);
    r.severity_number = static_cast<int32_t>(stmt.column_int(1));
    r.severity_text = stmt.column_text(2);
    r.body = stmt.column_text(3);
    r.service = stmt.column_text(4);
    r.trace_id = stmt.column_text(5);
    r.span_id = stmt.column_text(6);
    r.attributes_json = stmt.column_text(7);
    r.item_count = stmt.column_int(8);
    if (!sink.emit(r)) return;
  }
}

void run_log_groups(Connection& connection, const ir::Query& query, sdk::Sink& sink) {
  SqlQuery sql = lower_log_groups(query);
  Statement stmt(connection, sql.text);
  bind_all(stmt, sql);
  sdk::LogGroupWriter out(sink);
  if (!out.begin()) return;
  while (stmt.step()) {
    sdk::LogGroup g;
    g.body = stmt.column_text(0);
    g.severity_number = static_cast<int32_t>(stmt.column_int(1));
    g.severity_text = stmt.column_text(2);
    g.count = stmt.column_int(3);
    g.first_ns = stmt.column_int(4);
    g.last_ns = stmt.column_int(5);
    g.trace_id = stmt.column_text(6);
    if (!out.emit(g)) return;
  }
}

}  // namespace tinkr::local
