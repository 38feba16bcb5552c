// Rows of a log table (see kql/tables.hpp) -> sdk::LogRecord, emitted to the sink as each row is
// parsed. Columns are found by name once per table; a row costs no allocation.
#pragma once

#include "decode/table_reader.hpp"
#include "kql/tables.hpp"

#include <tinkr/sdk/records.hpp>

#include <string_view>

namespace tinkr::azure::decode {

class LogRecordConsumer : public RowConsumer {
 public:
  /// fixed_service fills LogRecord::service when the table's answer has no service column (the
  /// query fixed it, so the KQL did not project it).
  LogRecordConsumer(const kql::TableMapping& table, std::string_view fixed_service, sdk::Sink& sink)
      : table_(table), fixed_service_(fixed_service), sink_(sink) {}

  bool begin_table(std::size_t index, std::string_view name, std::span<const ColumnInfo> columns) override;
  bool row(std::span<const Cell> cells) override;

  /// Rows that had no readable time (emitted with time 0).
  uint64_t rows_without_time() const { return rows_without_time_; }

 private:
  const kql::TableMapping& table_;
  std::string_view fixed_service_;
  sdk::Sink& sink_;
  int time_ = -1, body_ = -1, severity_ = -1, service_ = -1, attributes_ = -1, item_count_ = -1,
      trace_id_ = -1, span_id_ = -1;
  uint64_t rows_without_time_ = 0;
};

/// Finds a column by name; -1 when absent or name is empty.
int column_index(std::span<const ColumnInfo> columns, std::string_view name);

}  // namespace tinkr::azure::decode
