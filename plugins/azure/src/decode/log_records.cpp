// Log rows to records; see log_records.hpp.
#include "decode/log_records.hpp"

namespace tinkr::azure::decode {

int column_index(std::span<const ColumnInfo> columns, std::string_view name) {
  if (name.empty()) return -1;
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].name == name) return static_cast<int>(i);
  return -1;
}

bool LogRecordConsumer::begin_table(std::size_t, std::string_view, std::span<const ColumnInfo> columns) {
  time_ = column_index(columns, table_.time.column);
  body_ = column_index(columns, table_.body.column);
  severity_ = column_index(columns, table_.severity.column);
  service_ = column_index(columns, table_.service.column);
  attributes_ = column_index(columns, table_.attributes.column);
  item_count_ = column_index(columns, table_.item_count.column);
  trace_id_ = column_index(columns, table_.trace_id.column);
  span_id_ = column_index(columns, table_.span_id.column);
  return true;
}

bool LogRecordConsumer::row(std::span<const Cell> cells) {
  sdk::LogRecord r;
  if (time_ < 0 || !read_datetime(cells[time_], r.time_ns)) ++rows_without_time_;
  if (body_ >= 0) r.body = cells[body_].text;
  if (severity_ >= 0 && !cells[severity_].is_null()) {
    const std::string_view native = cells[severity_].text;
    r.severity_number = kql::level_severity(table_, native);
    r.severity_text = kql::level_text(table_, native);
  }
  r.service = service_ >= 0 ? cells[service_].text : fixed_service_;
  if (attributes_ >= 0 && cells[attributes_].json == Cell::Json::string)
    r.attributes_json = cells[attributes_].text;
  if (item_count_ >= 0 && read_int64(cells[item_count_], r.item_count) && r.item_count < 1) r.item_count = 1;
  if (trace_id_ >= 0) r.trace_id = cells[trace_id_].text;
  if (span_id_ >= 0) r.span_id = cells[span_id_].text;
  return sink_.emit(r);
}

}  // namespace tinkr::azure::decode
