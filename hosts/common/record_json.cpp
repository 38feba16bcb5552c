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
void write_object_text(JsonMembers& m, std::string_view key, std::string_view json) {
  if (json.empty()) return;
  const bool object_or_array =
      (json.front() == '{' && json.back() == '}') || (json.front() == '[' && json.back() == ']');
  if (object_or_array) {
    m.raw(key, json);
  } else {
    m.string(key, json);
  }
}

// A record's time, formatted straight into the reply's text: through a string, even one reused from
// record to record, each time took one more call and one more copy (issue 15).
void write_time_member(JsonMembers& m, std::string_view key, int64_t unix_ns) {
  m.plain_written(key, kMaxTimeTextSize, [unix_ns](char* at) { return write_time(at, unix_ns); });
}

void write_points(JsonWriter& w, const std::vector<MetricPoint>& points) {
  w.StartArray();
  for (const auto& point : points) {
    w.Object([&](JsonMembers& m) {
      write_time_member(m, "time", point.time_ns);
      m.int64("time_ns", point.time_ns);
      if (point.has_value) {
        m.value("value", [&](JsonWriter& value) { value.Double(point.value); });
      } else {
        m.raw("value", "null");
      }
    });
  }
  w.EndArray();
}

/// A kept record's members (or a log record view's), each as its field's Json rule says
/// (tinkr/sdk/record_fields.hpp). Field names, times and severity words need no escaping and are
/// copied as they are.
template <class Kept>
void write_fields(JsonMembers& m, const Kept& record) {
  using fields::Json;
  for_each_kept_field<Kept>([&](const auto& field) {
    const auto& value = record.*field.member;
    using Value = std::decay_t<decltype(value)>;
    if constexpr (std::is_same_v<Value, std::string> || std::is_same_v<Value, std::string_view>) {
      if (field.json == Json::object) {
        write_object_text(m, field.name, value);
      } else if (field.json == Json::text || !value.empty()) {
        m.string(field.name, value);
      }
    } else if constexpr (std::is_same_v<Value, SpanStatus>) {
      m.plain(field.name, to_string(value));
    } else if constexpr (std::is_same_v<Value, bool>) {  // orphan: only when set
      if (value) m.boolean(field.name, true);
    } else if constexpr (std::is_same_v<Value, std::vector<MetricPoint>>) {
      m.value(field.name, [&](JsonWriter& w) { write_points(w, value); });
    } else if (field.json == Json::time) {
      write_time_member(m, field.shown, value);
      m.int64(field.name, value);
    } else if (field.json == Json::severity) {
      m.plain(field.shown, ir::severity_text(value));
      m.int64(field.name, value);
    } else if (field.json != Json::count || value != 1) {
      m.int64(field.name, value);
    }
  });
}

template <class Kept>
void write_object(JsonWriter& w, const Kept& record) {
  w.Object([&](JsonMembers& m) {
    m.plain("type", record_type_of<Kept>);
    write_fields(m, record);
  });
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
