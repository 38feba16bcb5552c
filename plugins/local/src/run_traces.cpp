// run_traces.cpp: span rows to TraceSummaries and Spans.
#include "lower.hpp"
#include "run.hpp"

namespace tinkr::local {

namespace {

int32_t status_number(std::string_view status) {
  if (status == "ok") return TINKR_SPAN_STATUS_OK;
  if (status == "error") return TINKR_SPAN_STATUS_ERROR;
  return TINKR_SPAN_STATUS_UNSET;
}

}  // namespace

void run_trace_search(Connection& connection, const ir::Query& query, sdk::Sink& sink) {
  SqlQuery sql = lower_trace_search(query);
  Statement stmt(connection, sql.text);
  bind_all(stmt, sql);
  while (stmt.step()) {
    sdk::TraceSummary s;
    s.trace_id = stmt.column_text(0);
    s.service = stmt.column_text(1);
    s.name = stmt.column_text(2);
    s.start_ns = stmt.column_int(3);
    s.duration_ns = stmt.column_int(4);
    s.status = status_number(stmt.column_text(5));
    s.status_code = stmt.column_text(6);
    s.span_count = stmt.column_int(7);
    s.error_count = stmt.column_int(8);
    if (!sink.emit(s)) return;
  }
}

void run_trace_get(Connection& connection, const ir::Query& query, sdk::Sink& sink) {
  SqlQuery sql = lower_trace_get(query);
  Statement stmt(connection, sql.text);
  bind_all(stmt, sql);
  bool any = false;
  while (stmt.step()) {
    any = true;
    sdk::Span s;
    s.trace_id = stmt.column_text(0);
    s.span_id = stmt.column_text(1);
    s.parent_span_id = stmt.column_text(2);
    s.service = stmt.column_text(3);
    s.name = stmt.column_text(4);
    s.kind = stmt.column_text(5);
    s.start_ns = stmt.column_int(6);
    s.duration_ns = stmt.column_int(7);
    s.status = status_number(stmt.column_text(8));
    s.status_code = stmt.column_text(9);
    s.attributes_json = stmt.column_text(10);
    s.events_json = stmt.column_text(11);
    s.flags = stmt.column_int(12) ? TINKR_SPAN_FLAG_ORPHAN : 0u;
    if (!sink.emit(s)) return;
  }
  if (!any && query.filter.is_all())
    throw sdk::Error(TINKR_NOT_FOUND, "trace '" + query.trace_id + "' not found in the local database");
}

}  // namespace tinkr::local
