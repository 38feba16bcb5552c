// Trace row consumers; see trace_rows.hpp.
#include "traces/trace_rows.hpp"

#include "decode/log_records.hpp"

#include <cmath>

namespace tinkr::azure::traces {

using decode::Cell;
using decode::column_index;

namespace {

std::string_view text_at(std::span<const Cell> cells, int i) {
  return i >= 0 ? cells[i].text : std::string_view();
}

}  // namespace

int64_t duration_ns_of(const Cell& cell) {
  double ms = 0;
  if (!decode::read_double(cell, ms) || !std::isfinite(ms) || ms < 0) return 0;
  return static_cast<int64_t>(std::llround(ms * 1e6));
}

bool TraceSummaryConsumer::begin_table(std::size_t, std::string_view, std::span<const decode::ColumnInfo> c) {
  operation_ = column_index(c, "OperationId");
  name_ = column_index(c, "Name");
  duration_ = column_index(c, "DurationMs");
  success_ = column_index(c, "Success");
  result_ = column_index(c, "ResultCode");
  time_ = column_index(c, "TimeGenerated");
  service_ = column_index(c, "AppRoleName");
  return true;
}

bool TraceSummaryConsumer::row(std::span<const Cell> cells) {
  sdk::TraceSummary s;
  s.trace_id = text_at(cells, operation_);
  s.name = text_at(cells, name_);
  s.service = service_ >= 0 ? cells[service_].text : fixed_service_;
  if (duration_ >= 0) s.duration_ns = duration_ns_of(cells[duration_]);
  if (time_ >= 0) decode::read_datetime(cells[time_], s.start_ns);
  bool success = false;
  if (success_ >= 0 && decode::read_bool(cells[success_], success)) {
    s.status = success ? TINKR_SPAN_STATUS_OK : TINKR_SPAN_STATUS_ERROR;
    s.error_count = success ? 0 : 1;
  }
  s.status_code = text_at(cells, result_);
  return sink_.emit(s);
}

bool TraceRowCollector::begin_table(std::size_t, std::string_view, std::span<const decode::ColumnInfo> c) {
  type_ = column_index(c, "Type");
  id_ = column_index(c, "Id");
  parent_ = column_index(c, "ParentId");
  name_ = column_index(c, "Name");
  duration_ = column_index(c, "DurationMs");
  success_ = column_index(c, "Success");
  result_ = column_index(c, "ResultCode");
  time_ = column_index(c, "TimeGenerated");
  service_ = column_index(c, "AppRoleName");
  dependency_type_ = column_index(c, "DependencyType");
  target_ = column_index(c, "Target");
  exception_type_ = column_index(c, "ExceptionType");
  message_ = column_index(c, "OuterMessage");
  properties_ = column_index(c, "Properties");
  return true;
}

bool TraceRowCollector::row(std::span<const Cell> cells) {
  TraceRow r;
  r.table = text_at(cells, type_);
  r.id = text_at(cells, id_);
  r.parent_id = text_at(cells, parent_);
  r.name = text_at(cells, name_);
  r.result_code = text_at(cells, result_);
  r.service = text_at(cells, service_);
  r.dependency_type = text_at(cells, dependency_type_);
  r.target = text_at(cells, target_);
  r.exception_type = text_at(cells, exception_type_);
  r.message = text_at(cells, message_);
  if (properties_ >= 0 && cells[properties_].json == Cell::Json::string)
    r.properties_json = cells[properties_].text;
  if (time_ >= 0) decode::read_datetime(cells[time_], r.time_ns);
  if (duration_ >= 0) r.duration_ns = duration_ns_of(cells[duration_]);
  bool success = false;
  if (success_ >= 0 && decode::read_bool(cells[success_], success)) r.success = success;
  rows.push_back(std::move(r));
  return true;
}

}  // namespace tinkr::azure::traces
