// Which record member each canonical field names, per record kind (docs/ir.md, "Fields per record").
#include "planner/field_value.hpp"

#include <tinkr/sdk/ir.hpp>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace tinkr::planner::detail {
namespace {

FieldValue text(std::string_view value) {
  FieldValue out;
  if (!value.empty()) {
    out.kind = FieldValue::Kind::text;
    out.text = value;
  }
  return out;
}

FieldValue integer(int64_t value) {
  FieldValue out;
  out.kind = FieldValue::Kind::integer;
  out.integer = value;
  return out;
}

FieldValue status(SpanStatus value) {
  FieldValue out;
  out.kind = FieldValue::Kind::status;
  out.text = to_string(value);
  return out;
}

FieldValue severity(int32_t number, std::string_view severity_text) {
  FieldValue out;
  // A backend that only sent its own level text still has a severity the user can filter on.
  if (number == 0) number = ir::severity_from_text(severity_text).value_or(0);
  if (ir::severity_range(number) == 0) return out;
  out.kind = FieldValue::Kind::severity;
  out.integer = number;
  return out;
}

/// `key` in `object`: the flat member first ("http.method": ...), then nested objects split at dots
/// ({"http": {"method": ...}}), trying every split so that keys with dots nest too.
const rapidjson::Value* find_member(const rapidjson::Value& object, std::string_view key) {
  if (!object.IsObject()) return nullptr;
  auto it = object.FindMember(rapidjson::Value(rapidjson::StringRef(key.data(), key.size())));
  if (it != object.MemberEnd()) return &it->value;
  for (std::size_t dot = key.find('.'); dot != std::string_view::npos; dot = key.find('.', dot + 1)) {
    auto head = object.FindMember(rapidjson::Value(rapidjson::StringRef(key.data(), dot)));
    if (head != object.MemberEnd() && head->value.IsObject())
      if (const auto* found = find_member(head->value, key.substr(dot + 1))) return found;
  }
  return nullptr;
}

}  // namespace

FieldValue RecordView::from_json(const rapidjson::Value& value) {
  FieldValue out;
  if (value.IsString()) return text({value.GetString(), value.GetStringLength()});
  if (value.IsBool()) {
    out.kind = FieldValue::Kind::boolean;
    out.boolean = value.GetBool();
  } else if (value.IsInt64()) {
    return integer(value.GetInt64());
  } else if (value.IsNumber()) {
    out.kind = FieldValue::Kind::real;
    out.real = value.GetDouble();
  } else if (value.IsObject() || value.IsArray()) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    value.Accept(writer);
    return text(scratch_.emplace_back(buffer.GetString(), buffer.GetSize()));
  }
  return out;  // null is absent
}

FieldValue RecordView::attribute(std::string_view json, std::string_view key) {
  if (json.empty()) return {};
  if (!attributes_) {
    attributes_.emplace();
    attributes_->Parse(json.data(), json.size());
  }
  if (attributes_->HasParseError()) return {};
  const auto* value = find_member(*attributes_, key);
  return value ? from_json(*value) : FieldValue{};
}

FieldValue RecordView::field(const std::string& name) {
  const std::string_view attribute_key = name.starts_with(ir::kAttributesPrefix)
                                             ? std::string_view(name).substr(ir::kAttributesPrefix.size())
                                             : "";
  if (const auto* log = std::get_if<LogRecord>(&record_)) {
    if (name == "time") return integer(log->time_ns);
    if (name == "severity") return severity(log->severity_number, log->severity_text);
    if (name == "body") return text(log->body);
    if (name == "service") return text(log->service);
    if (name == "trace_id") return text(log->trace_id);
    if (name == "span_id") return text(log->span_id);
    if (!attribute_key.empty()) return attribute(log->attributes_json, attribute_key);
  } else if (const auto* span = std::get_if<Span>(&record_)) {
    if (name == "time") return integer(span->start_ns);
    if (name == "duration") return integer(span->duration_ns);
    if (name == "service") return text(span->service);
    if (name == "trace_id") return text(span->trace_id);
    if (name == "span_id") return text(span->span_id);
    if (name == "parent_span_id") return text(span->parent_span_id);
    if (name == "name") return text(span->name);
    if (name == "kind") return text(span->kind);
    if (name == "status") return status(span->status);
    if (name == "status_code") return text(span->status_code);
    if (!attribute_key.empty()) return attribute(span->attributes_json, attribute_key);
  } else if (const auto* trace = std::get_if<TraceSummary>(&record_)) {
    if (name == "time") return integer(trace->start_ns);
    if (name == "duration") return integer(trace->duration_ns);
    if (name == "service") return text(trace->service);
    if (name == "trace_id") return text(trace->trace_id);
    if (name == "name") return text(trace->name);
    if (name == "status") return status(trace->status);
    if (name == "status_code") return text(trace->status_code);
  } else if (const auto* series = std::get_if<MetricSeries>(&record_)) {
    if (name == "service") return text(series->service);
    if (name == "name") return text(series->metric);
    if (name.starts_with(ir::kDimensionsPrefix))
      return attribute(series->dimensions_json, std::string_view(name).substr(ir::kDimensionsPrefix.size()));
  }
  return {};
}

std::string_view RecordView::searchable_text() const {
  if (const auto* log = std::get_if<LogRecord>(&record_)) return log->body;
  if (const auto* span = std::get_if<Span>(&record_)) return span->name;
  if (const auto* trace = std::get_if<TraceSummary>(&record_)) return trace->name;
  return std::get<MetricSeries>(record_).metric;
}

}  // namespace tinkr::planner::detail
