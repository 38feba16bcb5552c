// Decodes record objects; lenient about optional members, strict about types.
#include "common/record_reader.hpp"

#include "common/cell_json.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace tinkr::host {
namespace {

using rapidjson::Value;

// Reads members with a sticky error: the first problem is kept and reported, naming the member.
class Reader {
 public:
  Reader(const Value& object, std::string_view type) : object_(object), type_(type) {}

  std::string text(const char* key) {
    if (!object_.HasMember(key)) return {};
    const auto& v = object_[key];
    if (!v.IsString()) return note(key, "a string"), std::string();
    return std::string(v.GetString(), v.GetStringLength());
  }
  int64_t number(const char* key, int64_t fallback = 0) {
    if (!object_.HasMember(key)) return fallback;
    const auto& v = object_[key];
    if (!v.IsInt64()) return note(key, "a whole number"), fallback;
    return v.GetInt64();
  }
  bool flag(const char* key) {
    if (!object_.HasMember(key)) return false;
    if (!object_[key].IsBool()) return note(key, "true or false"), false;
    return object_[key].GetBool();
  }
  std::string json(const char* key) {
    if (!object_.HasMember(key)) return {};
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    object_[key].Accept(writer);
    return std::string(buffer.GetString(), buffer.GetSize());
  }
  SpanStatus status(const char* key) {
    const std::string value = text(key);
    if (value == "ok") return SpanStatus::ok;
    if (value == "error") return SpanStatus::error;
    return SpanStatus::unset;
  }
  void note(std::string_view key, std::string_view expected) {
    if (!error_.empty()) return;
    error_ =
        "record (" + std::string(type_) + "): '" + std::string(key) + "' must be " + std::string(expected);
  }
  const std::string& error() const { return error_; }

 private:
  const Value& object_;
  std::string_view type_;
  std::string error_;
};

LogRecord read_log(Reader& r) {
  LogRecord log;
  log.time_ns = r.number("time_ns");
  log.severity_number = static_cast<int32_t>(r.number("severity_number"));
  log.severity_text = r.text("severity_text");
  log.body = r.text("body");
  log.service = r.text("service");
  log.trace_id = r.text("trace_id");
  log.span_id = r.text("span_id");
  log.attributes_json = r.json("attributes");
  log.item_count = r.number("item_count", 1);
  return log;
}

MetricSeries read_series(const Value& object, Reader& r) {
  MetricSeries series;
  series.metric = r.text("metric");
  series.native_metric = r.text("native_metric");
  series.aggregation = r.text("aggregation");
  series.unit = r.text("unit");
  series.service = r.text("service");
  series.dimensions_json = r.json("dimensions");
  series.interval_ns = r.number("interval_ns");
  if (!object.HasMember("points")) return series;
  if (!object["points"].IsArray()) return r.note("points", "an array"), series;
  for (const auto& item : object["points"].GetArray()) {
    if (!item.IsObject()) return r.note("points", "an array of objects"), series;
    Reader point_reader(item, "metric point");
    MetricPoint point;
    point.time_ns = point_reader.number("time_ns");
    if (item.HasMember("value") && item["value"].IsNumber()) {
      point.value = item["value"].GetDouble();
      point.has_value = true;
    }
    series.points.push_back(point);
  }
  return series;
}

Span read_span(Reader& r) {
  Span span;
  span.trace_id = r.text("trace_id");
  span.span_id = r.text("span_id");
  span.parent_span_id = r.text("parent_span_id");
  span.service = r.text("service");
  span.name = r.text("name");
  span.kind = r.text("kind");
  span.start_ns = r.number("start_ns");
  span.duration_ns = r.number("duration_ns");
  span.status = r.status("status");
  span.status_code = r.text("status_code");
  span.orphan = r.flag("orphan");
  span.attributes_json = r.json("attributes");
  span.events_json = r.json("events");
  return span;
}

TraceSummary read_trace(Reader& r) {
  TraceSummary trace;
  trace.trace_id = r.text("trace_id");
  trace.service = r.text("service");
  trace.name = r.text("name");
  trace.start_ns = r.number("start_ns");
  trace.duration_ns = r.number("duration_ns");
  trace.status = r.status("status");
  trace.status_code = r.text("status_code");
  trace.span_count = r.number("span_count");
  trace.error_count = r.number("error_count");
  return trace;
}

}  // namespace

Expected<Record> record_from_json(const Value& object) {
  if (!object.IsObject() || !object.HasMember("type") || !object["type"].IsString())
    return fail(Error::Code::internal, "record: expected an object with a \"type\"");
  const std::string_view type(object["type"].GetString(), object["type"].GetStringLength());
  Reader reader(object, type);
  Record record;
  if (type == "log") {
    record = read_log(reader);
  } else if (type == "metric_series") {
    record = read_series(object, reader);
  } else if (type == "span") {
    record = read_span(reader);
  } else if (type == "trace") {
    record = read_trace(reader);
  } else {
    return fail(Error::Code::internal, "record: unknown type '" + std::string(type) + "'");
  }
  if (!reader.error().empty()) return fail(Error::Code::internal, reader.error());
  return record;
}

Expected<Table> table_from_json(const Value& object) {
  Table table;
  Reader reader(object, "table");
  table.name = reader.text("name");
  // An NDJSON table line has no rows: they follow as {"type":"row"} lines.
  const bool has_columns = object.HasMember("columns") && object["columns"].IsArray();
  const bool has_rows = object.HasMember("rows");
  if (!has_columns || (has_rows && !object["rows"].IsArray()))
    return fail(Error::Code::internal, "table: 'columns' and 'rows' must be arrays");
  for (const auto& item : object["columns"].GetArray()) {
    if (!item.IsObject()) return fail(Error::Code::internal, "table: 'columns' must hold objects");
    Reader column_reader(item, "column");
    table.columns.push_back(Column{column_reader.text("name"), column_reader.text("type")});
  }
  if (has_rows)
    for (const auto& row : object["rows"].GetArray()) {
      auto cells = row_from_json(row);
      if (!cells) return Unexpected(cells.error());
      table.rows.push_back(std::move(*cells));
    }
  if (!reader.error().empty()) return fail(Error::Code::internal, reader.error());
  return table;
}

Expected<std::vector<std::optional<std::string>>> row_from_json(const Value& cells) {
  if (!cells.IsArray()) return fail(Error::Code::internal, "table: each row must be an array");
  std::vector<std::optional<std::string>> row;
  row.reserve(cells.Size());
  for (const auto& cell : cells.GetArray()) row.push_back(cell_from_json(cell));
  return row;
}

}  // namespace tinkr::host
