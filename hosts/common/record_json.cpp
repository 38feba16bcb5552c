// Writes records as the JSON objects described in record_json.hpp, field by field as the record
// vocabulary (tinkr/record_fields.hpp) lists them.
#include "common/record_json.hpp"

#include "common/time_text.hpp"

#include <tinkr/ir.hpp>
#include <tinkr/record_fields.hpp>

#include <type_traits>

namespace tinkr::host {
namespace {

// attributes_json and friends are JSON objects the core produced; anything else is kept as text
// rather than risk writing invalid JSON.
void write_object_text(JsonWriter& w, std::string_view key, std::string_view json) {
  if (json.empty()) return;
  w.PlainString(key);
  if (json.front() == '{' && json.back() == '}') {
    w.RawValue(json.data(), json.size(), rapidjson::kObjectType);
  } else if (json.front() == '[' && json.back() == ']') {
    w.RawValue(json.data(), json.size(), rapidjson::kArrayType);
  } else {
    w.String(json.data(), static_cast<rapidjson::SizeType>(json.size()));
  }
}

// A record's time as text, in a buffer each thread keeps: a string per time was an allocation per
// record (24 bytes, past the short-string buffer) in every reply (issue 15).
std::string_view time_text(int64_t unix_ns) {
  thread_local std::string text;
  text.clear();
  append_time(text, unix_ns);
  return text;
}

void write_points(JsonWriter& w, std::string_view key, const std::vector<MetricPoint>& points) {
  write_key(w, key);
  w.StartArray();
  for (const auto& point : points) {
    w.StartObject();
    write_string_member(w, "time", time_text(point.time_ns));
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

/// A kept record's members (or a log record view's), each as its field's Json rule says
/// (tinkr/sdk/record_fields.hpp). Field names, times and severity words need no escaping and are
/// copied as they are (PlainString): a 100-record reply writes about 2,000 of them (issue 15).
template <class Kept>
void write_fields(JsonWriter& w, const Kept& record) {
  using fields::Json;
  for_each_kept_field<Kept>([&](const auto& field) {
    const auto& value = record.*field.member;
    using Value = std::decay_t<decltype(value)>;
    if constexpr (std::is_same_v<Value, std::string> || std::is_same_v<Value, std::string_view>) {
      if (field.json == Json::object) {
        write_object_text(w, field.name, value);
      } else if (field.json == Json::text || !value.empty()) {
        w.PlainString(field.name);
        write_string(w, value);
      }
    } else if constexpr (std::is_same_v<Value, SpanStatus>) {
      w.PlainString(field.name);
      w.PlainString(to_string(value));
    } else if constexpr (std::is_same_v<Value, bool>) {  // orphan: only when set
      if (value) write_bool_member(w, field.name, true);
    } else if constexpr (std::is_same_v<Value, std::vector<MetricPoint>>) {
      write_points(w, field.name, value);
    } else if (field.json == Json::time) {
      w.PlainString(field.shown);
      w.PlainString(time_text(value));
      w.PlainString(field.name);
      w.Int64(value);
    } else if (field.json == Json::severity) {
      w.PlainString(field.shown);
      w.PlainString(ir::severity_text(value));
      w.PlainString(field.name);
      w.Int64(value);
    } else if (field.json != Json::count || value != 1) {
      w.PlainString(field.name);
      w.Int64(value);
    }
  });
}

template <class Kept>
void write_object(JsonWriter& w, const Kept& record) {
  w.StartObject();
  w.PlainString("type");
  w.PlainString(record_type_of<Kept>);
  write_fields(w, record);
  w.EndObject();
}

}  // namespace

void write_record(JsonWriter& w, const Record& record) {
  std::visit([&w](const auto& kept) { write_object(w, kept); }, record);
}

void write_record(JsonWriter& w, const LogRecordView& record) {
  write_object(w, record);
}

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
