// tinkr/records.hpp: the results of a query as the core keeps them (owning copies of what a plugin
// streamed through the ABI). Hosts print them; the planner's residual filter evaluates them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace tinkr {

struct LogRecord {
  int64_t time_ns = 0;
  int32_t severity_number = 0;  // OpenTelemetry 1..24; 0 unspecified
  std::string severity_text;    // the backend's own level text
  std::string body;
  std::string service;
  std::string trace_id;
  std::string span_id;
  std::string attributes_json;  // a JSON object, or empty
  int64_t item_count = 1;       // records this one stands for (sampling)
};

/// A log record as the backend streamed it: LogRecord's members in LogRecord's order, the text borrowed
/// (views into the backend's memory, valid only during ResultSink::on_log_record_view). A sink that only
/// writes records out takes them this way and saves a string per field; one that keeps a record copies
/// it with to_log_record.
struct LogRecordView {
  int64_t time_ns = 0;
  int32_t severity_number = 0;
  std::string_view severity_text;
  std::string_view body;
  std::string_view service;
  std::string_view trace_id;
  std::string_view span_id;
  std::string_view attributes_json;
  int64_t item_count = 1;
};

LogRecord to_log_record(const LogRecordView& view);
/// A view of a kept record (valid while `record` lives and is not changed).
LogRecordView view_of(const LogRecord& record);

struct MetricPoint {
  int64_t time_ns = 0;
  double value = 0;
  bool has_value = false;
};

struct MetricSeries {
  std::string metric;
  std::string native_metric;
  std::string aggregation;
  std::string unit;
  std::string service;
  std::string dimensions_json;
  int64_t interval_ns = 0;
  std::vector<MetricPoint> points;
};

enum class SpanStatus { unset = 0, ok = 1, error = 2 };

struct Span {
  std::string trace_id;
  std::string span_id;
  std::string parent_span_id;
  std::string service;
  std::string name;
  std::string kind;
  int64_t start_ns = 0;
  int64_t duration_ns = 0;
  SpanStatus status = SpanStatus::unset;
  bool orphan = false;  // its parent is not in the trace
  std::string status_code;
  std::string attributes_json;
  std::string events_json;
};

struct TraceSummary {
  std::string trace_id;
  std::string service;
  std::string name;
  int64_t start_ns = 0;
  int64_t duration_ns = 0;
  SpanStatus status = SpanStatus::unset;
  std::string status_code;
  int64_t span_count = 0;
  int64_t error_count = 0;
};

struct Column {
  std::string name;
  std::string type;
};

/// A native query's result table: its columns, then rows of cells (nullopt = null).
struct Table {
  std::string name;
  std::vector<Column> columns;
  std::vector<std::vector<std::optional<std::string>>> rows;
};

using Record = std::variant<LogRecord, MetricSeries, Span, TraceSummary>;

std::string_view to_string(SpanStatus status) noexcept;

}  // namespace tinkr
