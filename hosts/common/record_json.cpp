// Writes records as the JSON objects described in record_json.hpp.
#include "common/record_json.hpp"

#include "common/time_text.hpp"

#include <tinkr/ir.hpp>

namespace tinkr::host {
namespace {

// attributes_json and friends are JSON objects the core produced; anything else is kept as text
// rather than risk writing invalid JSON.
void write_object_text(JsonWriter& w, std::string_view key, const std::string& json) {
  if (json.empty()) return;
  write_key(w, key);
  if (json.front() == '{' && json.back() == '}') {
    w.RawValue(json.data(), json.size(), rapidjson::kObjectType);
  } else if (json.front() == '[' && json.back() == ']') {
    w.RawValue(json.data(), json.size(), rapidjson::kArrayType);
  } else {
    w.String(json.data(), static_cast<rapidjson::SizeType>(json.size()));
  }
}

void write_optional_member(JsonWriter& w, std::string_view key, std::string_view value) {
  if (!value.empty()) write_string_member(w, key, value);
}

void write_log(JsonWriter& w, const LogRecord& log) {
  write_string_member(w, "time", format_time(log.time_ns));
  write_int_member(w, "time_ns", log.time_ns);
  write_string_member(w, "severity", ir::severity_text(log.severity_number));
  write_int_member(w, "severity_number", log.severity_number);
  write_optional_member(w, "severity_text", log.severity_text);
  write_string_member(w, "service", log.service);
  write_string_member(w, "body", log.body);
  write_optional_member(w, "trace_id", log.trace_id);
  write_optional_member(w, "span_id", log.span_id);
  write_object_text(w, "attributes", log.attributes_json);
  if (log.item_count != 1) write_int_member(w, "item_count", log.item_count);
}

void write_series(JsonWriter& w, const MetricSeries& series) {
  write_string_member(w, "metric", series.metric);
  write_optional_member(w, "native_metric", series.native_metric);
  write_string_member(w, "aggregation", series.aggregation);
  write_optional_member(w, "unit", series.unit);
  write_string_member(w, "service", series.service);
  write_object_text(w, "dimensions", series.dimensions_json);
  write_int_member(w, "interval_ns", series.interval_ns);
  write_key(w, "points");
  w.StartArray();
  for (const auto& point : series.points) {
    w.StartObject();
    write_string_member(w, "time", format_time(point.time_ns));
    write_int_member(w, "time_ns", point.time_ns);
    write_key(w, "value");
    if (point.has_value) {
      w.Double(point.value);
    } else {
      w.Null();
    }
    w.EndObject();
  }
  w.EndArray();
}

void write_span(JsonWriter& w, const Span& span) {
  write_string_member(w, "trace_id", span.trace_id);
  write_string_member(w, "span_id", span.span_id);
  write_optional_member(w, "parent_span_id", span.parent_span_id);
  write_string_member(w, "service", span.service);
  write_string_member(w, "name", span.name);
  write_optional_member(w, "kind", span.kind);
  write_string_member(w, "start", format_time(span.start_ns));
  write_int_member(w, "start_ns", span.start_ns);
  write_int_member(w, "duration_ns", span.duration_ns);
  write_string_member(w, "status", to_string(span.status));
  write_optional_member(w, "status_code", span.status_code);
  if (span.orphan) {
    write_bool_member(w, "orphan", true);
  }
  write_object_text(w, "attributes", span.attributes_json);
  write_object_text(w, "events", span.events_json);
}

void write_trace(JsonWriter& w, const TraceSummary& trace) {
  write_string_member(w, "trace_id", trace.trace_id);
  write_string_member(w, "service", trace.service);
  write_string_member(w, "name", trace.name);
  write_string_member(w, "start", format_time(trace.start_ns));
  write_int_member(w, "start_ns", trace.start_ns);
  write_int_member(w, "duration_ns", trace.duration_ns);
  write_string_member(w, "status", to_string(trace.status));
  write_optional_member(w, "status_code", trace.status_code);
  write_int_member(w, "span_count", trace.span_count);
  write_int_member(w, "error_count", trace.error_count);
}

}  // namespace

std::string_view record_type(const Record& record) {
  static constexpr std::string_view kTypes[] = {"log", "metric_series", "span", "trace"};
  return kTypes[record.index()];
}

void write_record(JsonWriter& w, const Record& record) {
  w.StartObject();
  write_string_member(w, "type", record_type(record));
  std::visit(
      [&w](const auto& value) {
        using T = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<T, LogRecord>) write_log(w, value);
        if constexpr (std::is_same_v<T, MetricSeries>) write_series(w, value);
        if constexpr (std::is_same_v<T, Span>) write_span(w, value);
        if constexpr (std::is_same_v<T, TraceSummary>) write_trace(w, value);
      },
      record);
  w.EndObject();
}

namespace {

void write_table_head(JsonWriter& w, const std::string& name, const std::vector<Column>& columns) {
  write_string_member(w, "type", "table");
  write_string_member(w, "name", name);
  write_key(w, "columns");
  w.StartArray();
  for (const auto& column : columns) {
    w.StartObject();
    write_string_member(w, "name", column.name);
    write_string_member(w, "type", column.type);
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace

void write_table(JsonWriter& w, const Table& table) {
  const auto kinds = cell_kinds(table.columns);
  w.StartObject();
  write_table_head(w, table.name, table.columns);
  write_key(w, "rows");
  w.StartArray();
  for (const auto& row : table.rows) {
    w.StartArray();
    for (std::size_t i = 0; i < row.size(); ++i)
      write_cell(w, i < kinds.size() ? kinds[i] : CellKind::text, row[i]);
    w.EndArray();
  }
  w.EndArray();
  w.EndObject();
}

std::string table_head_to_json(const std::string& name, const std::vector<Column>& columns) {
  return to_json_text([&](JsonWriter& w) {
    w.StartObject();
    write_table_head(w, name, columns);
    w.EndObject();
  });
}

std::string record_to_json(const Record& record) {
  return to_json_text([&](JsonWriter& w) { write_record(w, record); });
}

std::string table_to_json(const Table& table) {
  return to_json_text([&](JsonWriter& w) { write_table(w, table); });
}

}  // namespace tinkr::host
