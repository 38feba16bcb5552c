// Row consumers for the trace queries: search rows stream out as trace summaries; a trace's rows are
// collected (owned) for span_tree.hpp.
#pragma once

#include "decode/table_reader.hpp"
#include "traces/span_tree.hpp"

#include <tinkr/sdk/records.hpp>

#include <string_view>
#include <vector>

namespace tinkr::azure::traces {

/// AppRequests search rows -> TraceSummary (trace id = OperationId). fixed_service fills the service
/// when the query fixed it and the KQL did not project AppRoleName.
class TraceSummaryConsumer : public decode::RowConsumer {
 public:
  TraceSummaryConsumer(std::string_view fixed_service, sdk::Sink& sink)
      : fixed_service_(fixed_service), sink_(sink) {}
  bool begin_table(std::size_t, std::string_view, std::span<const decode::ColumnInfo> columns) override;
  bool row(std::span<const decode::Cell> cells) override;

 private:
  std::string_view fixed_service_;
  sdk::Sink& sink_;
  int operation_ = -1, name_ = -1, duration_ = -1, success_ = -1, result_ = -1, time_ = -1, service_ = -1;
};

class TraceRowCollector : public decode::RowConsumer {
 public:
  bool begin_table(std::size_t, std::string_view, std::span<const decode::ColumnInfo> columns) override;
  bool row(std::span<const decode::Cell> cells) override;
  std::vector<TraceRow> rows;

 private:
  int type_ = -1, id_ = -1, parent_ = -1, name_ = -1, duration_ = -1, success_ = -1, result_ = -1, time_ = -1,
      service_ = -1, dependency_type_ = -1, target_ = -1, exception_type_ = -1, message_ = -1,
      properties_ = -1;
};

/// DurationMs (a real, milliseconds) as nanoseconds; 0 when absent.
int64_t duration_ns_of(const decode::Cell& cell);

}  // namespace tinkr::azure::traces
