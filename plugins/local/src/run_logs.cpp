// run_logs.cpp: log rows to LogRecords.
#include "lower.hpp"
#include "run.hpp"

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

}  // namespace tinkr::local
