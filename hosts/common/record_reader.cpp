// Decodes record objects, field by field as the record vocabulary (tinkr/record_fields.hpp) lists
// them; lenient about optional members, strict about types.
#include "common/record_reader.hpp"

#include "common/cell_json.hpp"

#include <tinkr/record_fields.hpp>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <type_traits>

namespace tinkr::host {
namespace {

using rapidjson::Value;

// Reads members with a sticky error: the first problem is kept and reported, naming the member.
class Reader {
 public:
  Reader(const Value& object, std::string_view type) : object_(object), type_(type) {}

  std::string text(std::string_view key) {
    const Value* v = find(key);
    if (!v) return {};
    if (!v->IsString()) return note(key, "a string"), std::string();
    return std::string(v->GetString(), v->GetStringLength());
  }
  int64_t number(std::string_view key, int64_t fallback = 0) {
    const Value* v = find(key);
    if (!v) return fallback;
    if (!v->IsInt64()) return note(key, "a whole number"), fallback;
    return v->GetInt64();
  }
  bool flag(std::string_view key) {
    const Value* v = find(key);
    if (!v) return false;
    if (!v->IsBool()) return note(key, "true or false"), false;
    return v->GetBool();
  }
  std::string json(std::string_view key) {
    const Value* v = find(key);
    if (!v) return {};
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    v->Accept(writer);
    return std::string(buffer.GetString(), buffer.GetSize());
  }
  SpanStatus status(std::string_view key) {
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
  /// Keeps the first error of a reader of a nested object (a metric point).
  void adopt(const Reader& nested) {
    if (error_.empty()) error_ = nested.error();
  }

 private:
  const Value* find(std::string_view key) const {
    const auto it = object_.FindMember(rapidjson::StringRef(key.data(), key.size()));
    return it == object_.MemberEnd() ? nullptr : &it->value;
  }

  const Value& object_;
  std::string_view type_;
  std::string error_;
};

std::vector<MetricPoint> read_points(const Value& object, std::string_view key, Reader& r) {
  std::vector<MetricPoint> points;
  const auto it = object.FindMember(rapidjson::StringRef(key.data(), key.size()));
  if (it == object.MemberEnd()) return points;
  if (!it->value.IsArray()) return r.note(key, "an array"), points;
  for (const auto& item : it->value.GetArray()) {
    if (!item.IsObject()) return r.note(key, "an array of objects"), points;
    Reader point_reader(item, "metric point");
    MetricPoint point;
    point.time_ns = point_reader.number("time_ns");
    if (!point_reader.error().empty()) return r.adopt(point_reader), points;
    if (item.HasMember("value") && item["value"].IsNumber()) {
      point.value = item["value"].GetDouble();
      point.has_value = true;
    }
    points.push_back(point);
  }
  return points;
}

/// A kept record from its JSON object, each member as its field's Json rule says.
template <class Kept>
Kept read_fields(const Value& object, Reader& r) {
  using fields::Json;
  Kept record;
  for_each_kept_field<Kept>([&](const auto& field) {
    auto& value = record.*field.member;
    using Member = std::decay_t<decltype(value)>;
    if constexpr (std::is_same_v<Member, std::string>) {
      value = field.json == Json::object ? r.json(field.name) : r.text(field.name);
    } else if constexpr (std::is_same_v<Member, SpanStatus>) {
      value = r.status(field.name);
    } else if constexpr (std::is_same_v<Member, bool>) {
      value = r.flag(field.name);
    } else if constexpr (std::is_same_v<Member, std::vector<MetricPoint>>) {
      value = read_points(object, field.name, r);
    } else {
      value = static_cast<Member>(r.number(field.name, field.json == Json::count ? 1 : 0));
    }
  });
  return record;
}

}  // namespace

Expected<Record> record_from_json(const Value& object) {
  if (!object.IsObject() || !object.HasMember("type") || !object["type"].IsString())
    return fail(Error::Code::internal, "record: expected an object with a \"type\"");
  const std::string_view type(object["type"].GetString(), object["type"].GetStringLength());
  Reader reader(object, type);
  Record record;
  if (type == record_type_of<LogRecord>) {
    record = read_fields<LogRecord>(object, reader);
  } else if (type == record_type_of<MetricSeries>) {
    record = read_fields<MetricSeries>(object, reader);
  } else if (type == record_type_of<Span>) {
    record = read_fields<Span>(object, reader);
  } else if (type == record_type_of<TraceSummary>) {
    record = read_fields<TraceSummary>(object, reader);
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
