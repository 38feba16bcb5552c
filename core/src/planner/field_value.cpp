// Which record member each canonical field names: the `filter` column of the record vocabulary
// (tinkr/record_fields.hpp; docs/ir.md, "Fields").
#include "planner/field_value.hpp"

#include <tinkr/record_fields.hpp>
#include <tinkr/sdk/ir.hpp>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <type_traits>

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

// A record's members as the evaluator reads them, whether the record is a C view or a kept copy.
std::string_view text_of(tinkr_str s) {
  return s.ptr ? std::string_view(s.ptr, static_cast<std::size_t>(s.len)) : std::string_view();
}
std::string_view text_of(const std::string& s) {
  return s;
}
SpanStatus status_of(SpanStatus s) {
  return s;
}
SpanStatus status_of(int32_t s) {
  return s == TINKR_SPAN_STATUS_OK      ? SpanStatus::ok
         : s == TINKR_SPAN_STATUS_ERROR ? SpanStatus::error
                                        : SpanStatus::unset;
}

template <class R>
constexpr bool is_c_view = std::is_same_v<R, tinkr_log_record> || std::is_same_v<R, tinkr_metric_series> ||
                           std::is_same_v<R, tinkr_span> || std::is_same_v<R, tinkr_trace_summary>;

/// The kept record type whose table describes R.
template <class R>
using KeptOf = std::conditional_t<
    std::is_same_v<R, tinkr_log_record>, LogRecord,
    std::conditional_t<
        std::is_same_v<R, tinkr_metric_series>, MetricSeries,
        std::conditional_t<std::is_same_v<R, tinkr_span>, Span,
                           std::conditional_t<std::is_same_v<R, tinkr_trace_summary>, TraceSummary, R>>>>;

/// Calls visit(field, value) for each field of R's kind, with the field's value in `record`.
template <class R, class Visit>
bool any_member(const R& record, Visit&& visit) {
  using Kept = KeptOf<R>;
  return fields::any_field<CView<Kept>, Kept>([&](const auto& field) {
    if constexpr (is_c_view<R>)
      return visit(field, record.*field.c);
    else
      return visit(field, record.*field.member);
  });
}

/// The text of the field named `name` in the table (a log's severity_text beside its number).
template <class R>
std::string_view member_text(const R& record, std::string_view name) {
  std::string_view out;
  any_member(record, [&](const auto& field, const auto& value) {
    using Value = std::decay_t<decltype(value)>;
    if constexpr (std::is_same_v<Value, tinkr_str> || std::is_same_v<Value, std::string>) {
      if (field.name == name) return out = text_of(value), true;
    }
    return false;
  });
  return out;
}

}  // namespace

FieldValue AttributeLookup::from_json(const rapidjson::Value& value) {
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
    return text(scratch_.emplace_front(buffer.GetString(), buffer.GetSize()));
  }
  return out;  // null is absent
}

FieldValue AttributeLookup::find(std::string_view json, std::string_view key) {
  if (json.empty()) return {};
  if (!attributes_) {
    attributes_.emplace();
    attributes_->Parse(json.data(), json.size());
  }
  if (attributes_->HasParseError()) return {};
  const auto* value = find_member(*attributes_, key);
  return value ? from_json(*value) : FieldValue{};
}

template <class R>
FieldValue RecordView<R>::field(const std::string& name) {
  FieldValue out;
  any_member(record_, [&](const auto& field, const auto& value) {
    if (field.filter.empty()) return false;
    using Value = std::decay_t<decltype(value)>;
    if constexpr (std::is_same_v<Value, tinkr_str> || std::is_same_v<Value, std::string>) {
      if (field.json == fields::Json::object) {  // "attributes." + key
        if (!name.starts_with(field.filter) || name.size() == field.filter.size()) return false;
        return out = attributes_.find(text_of(value), std::string_view(name).substr(field.filter.size())),
               true;
      }
      if (field.filter != name) return false;
      return out = text(text_of(value)), true;
    } else if constexpr (std::is_same_v<Value, int64_t>) {
      if (field.filter != name) return false;
      return out = integer(value), true;
    } else if constexpr (std::is_same_v<Value, int32_t> || std::is_same_v<Value, SpanStatus>) {
      if (field.filter != name) return false;
      if (field.json == fields::Json::severity)
        return out = severity(static_cast<int32_t>(value), member_text(record_, "severity_text")), true;
      return out = status(status_of(value)), true;
    } else {
      return false;  // points and flags: no filter names them
    }
  });
  return out;
}

template <class R>
std::string_view RecordView<R>::searchable_text() const {
  using Kept = KeptOf<R>;
  std::string_view out;
  any_member(record_, [&](const auto& field, const auto& value) {
    using Value = std::decay_t<decltype(value)>;
    if constexpr (std::is_same_v<Value, tinkr_str> || std::is_same_v<Value, std::string>) {
      if (field.filter == fields::Kind<CView<Kept>>::free_text) return out = text_of(value), true;
    }
    return false;
  });
  return out;
}

template class RecordView<LogRecord>;
template class RecordView<MetricSeries>;
template class RecordView<Span>;
template class RecordView<TraceSummary>;
template class RecordView<tinkr_log_record>;
template class RecordView<tinkr_metric_series>;
template class RecordView<tinkr_span>;
template class RecordView<tinkr_trace_summary>;

}  // namespace tinkr::planner::detail
