// log_groups rows to the SDK's table; see log_groups.hpp.
#include "decode/log_groups.hpp"

#include "decode/log_records.hpp"

#include <tinkr/sdk/error.hpp>

namespace tinkr::azure::decode {

bool LogGroupConsumer::begin_table(std::size_t, std::string_view, std::span<const ColumnInfo> columns) {
  body_ = column_index(columns, table_.body.column);
  severity_ = column_index(columns, table_.severity.column);
  count_ = column_index(columns, "Count");
  first_ = column_index(columns, "FirstSeen");
  last_ = column_index(columns, "LastSeen");
  trace_id_ = column_index(columns, "TraceId");
  if (body_ < 0 || count_ < 0 || first_ < 0 || last_ < 0)
    throw sdk::Error(TINKR_UPSTREAM_UNAVAILABLE,
                     "log analytics answered the message counts without the columns " +
                         std::string(table_.body.column) + ", Count, FirstSeen and LastSeen");
  if (begun_) return true;  // a second table (a partial answer's) continues the first
  begun_ = true;
  return out_.begin();
}

bool LogGroupConsumer::row(std::span<const Cell> cells) {
  sdk::LogGroup g;
  g.body = cells[body_].text;
  if (severity_ >= 0 && !cells[severity_].is_null()) {
    const std::string_view native = cells[severity_].text;
    g.severity_number = kql::level_severity(table_, native);
    g.severity_text = kql::level_text(table_, native);
  }
  // sum() of a column that is null on every row is null: such a group is at least one record.
  const bool count_read = cells[count_].is_null() ? (g.count = 1, true) : read_int64(cells[count_], g.count);
  if (!count_read || !read_datetime(cells[first_], g.first_ns) || !read_datetime(cells[last_], g.last_ns))
    throw sdk::Error(
        TINKR_UPSTREAM_UNAVAILABLE,
        "log analytics answered a message count without a readable Count, FirstSeen or LastSeen");
  if (trace_id_ >= 0) g.trace_id = cells[trace_id_].text;
  return out_.emit(g);
}

}  // namespace tinkr::azure::decode
