// Rows of a log_groups answer (lower_log_groups_kql: the message and level columns of the table,
// Count, FirstSeen, LastSeen, TraceId) -> the sdk/log_groups.hpp table, emitted as each row is parsed.
#pragma once

#include "decode/table_reader.hpp"
#include "kql/tables.hpp"

#include <tinkr/sdk/log_groups.hpp>

namespace tinkr::azure::decode {

class LogGroupConsumer : public RowConsumer {
 public:
  LogGroupConsumer(const kql::TableMapping& table, sdk::Sink& sink) : table_(table), out_(sink) {}

  /// Throws sdk::Error(TINKR_UPSTREAM_UNAVAILABLE: a garbled answer) when the answer lacks the message, count
  /// or time columns.
  bool begin_table(std::size_t index, std::string_view name, std::span<const ColumnInfo> columns) override;
  bool row(std::span<const Cell> cells) override;

 private:
  const kql::TableMapping& table_;
  sdk::LogGroupWriter out_;
  bool begun_ = false;
  int body_ = -1, severity_ = -1, count_ = -1, first_ = -1, last_ = -1, trace_id_ = -1;
};

}  // namespace tinkr::azure::decode
