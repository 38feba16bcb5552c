// tinkr/sdk/record_fields.hpp: the record vocabulary. Each record kind's fields are declared here once,
// as a table of {JSON name, member of plugin.h's C view, member of the C++ record, how the field is
// spelled in JSON, the filter field that names it}. Everything that moves a record field by field is
// derived from these tables: the SDK's emit (sdk::LogRecord -> tinkr_log_record), the core's copy
// (tinkr_log_record -> tinkr::LogRecord), the residual filter's field lookup, and the hosts' JSON
// writer and reader. A field added to a record is added here, and every one of those follows.
//
// The tables are templates on the C++ record type R: the SDK's view (sdk::LogRecord, strings as Text)
// and the core's kept copy (tinkr::LogRecord, strings as std::string) use the same member names, so one
// table serves both. The one exception is a span's flags: the C view and the SDK carry the ABI's flags
// word, the core keeps only its orphan bit (span_flags_member below picks the member).
#pragma once

#include <tinkr/plugin.h>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <tuple>
#include <type_traits>

namespace tinkr::sdk::fields {

/// How a field is spelled in a record's JSON object (tinkr-server's wire format, the CLI's json and
/// ndjson output; hosts/common/record_json.hpp shows one of each kind).
enum class Json : uint8_t {
  text,           // "name": "...", written even when empty
  optional_text,  // "name": "...", left out when empty
  number,         // "name": 123
  count,     // "name": 123, left out when 1 (a record that stands for itself alone); read as 1 when absent
  time,      // "shown": RFC 3339 text, then "name": nanoseconds
  severity,  // "shown": the OpenTelemetry range's text ("error"), then "name": the number
  object,    // JSON text written as JSON ("attributes": {...}), left out when empty
  status,    // "name": "unset" | "ok" | "error"
  orphan,    // "name": true, left out when false
  points,    // "name": [{"time":..., "time_ns":..., "value": number or null}, ...]
};

/// One field of a record kind. `c` and `member` are member pointers; `filter` is the canonical field a
/// filter names it by (docs/ir.md, "Fields"), empty when filters cannot name it, and a prefix ending
/// in '.' ("attributes.") for a JSON object whose members filters name.
template <class CMember, class Member>
struct Field {
  std::string_view name;  // the JSON member that holds the value
  CMember c;              // in plugin.h's struct
  Member member;          // in the C++ record
  Json json;
  std::string_view filter = {};
  std::string_view shown = {};  // Json::time and Json::severity: the member written before `name`
};

template <class CMember, class Member>
Field(std::string_view, CMember, Member, Json, std::string_view = {}, std::string_view = {})
    -> Field<CMember, Member>;

/// A span's flags in R: the whole word (the SDK's view), or the one bit the core keeps (`orphan`).
template <class R>
constexpr auto span_flags_member() {
  if constexpr (requires { &R::orphan; })
    return &R::orphan;
  else
    return &R::flags;
}

/// The record kinds, keyed by their C view.
template <class CView>
struct Kind;

template <>
struct Kind<tinkr_log_record> {
  static constexpr std::string_view type = "log";        // the JSON object's "type"
  static constexpr std::string_view free_text = "body";  // the filter field free text looks in
  template <class R>
  static constexpr auto fields() {
    using C = tinkr_log_record;
    return std::tuple{
        Field{"time_ns", &C::time_unix_nano, &R::time_ns, Json::time, "time", "time"},
        Field{"severity_number", &C::severity_number, &R::severity_number, Json::severity, "severity",
              "severity"},
        Field{"severity_text", &C::severity_text, &R::severity_text, Json::optional_text},
        Field{"service", &C::service, &R::service, Json::text, "service"},
        Field{"body", &C::body, &R::body, Json::text, "body"},
        Field{"trace_id", &C::trace_id, &R::trace_id, Json::optional_text, "trace_id"},
        Field{"span_id", &C::span_id, &R::span_id, Json::optional_text, "span_id"},
        Field{"attributes", &C::attributes_json, &R::attributes_json, Json::object, "attributes."},
        Field{"item_count", &C::item_count, &R::item_count, Json::count},
    };
  }
};

template <>
struct Kind<tinkr_metric_series> {
  static constexpr std::string_view type = "metric_series";
  static constexpr std::string_view free_text = "name";
  template <class R>
  static constexpr auto fields() {
    using C = tinkr_metric_series;
    return std::tuple{
        Field{"metric", &C::metric, &R::metric, Json::text, "name"},
        Field{"native_metric", &C::native_metric, &R::native_metric, Json::optional_text},
        Field{"aggregation", &C::aggregation, &R::aggregation, Json::text},
        Field{"unit", &C::unit, &R::unit, Json::optional_text},
        Field{"service", &C::service, &R::service, Json::text, "service"},
        Field{"dimensions", &C::dimensions_json, &R::dimensions_json, Json::object, "dimensions."},
        Field{"interval_ns", &C::interval_ns, &R::interval_ns, Json::number},
        Field{"points", &C::points, &R::points, Json::points},  // with C::point_count
    };
  }
};

template <>
struct Kind<tinkr_span> {
  static constexpr std::string_view type = "span";
  static constexpr std::string_view free_text = "name";
  template <class R>
  static constexpr auto fields() {
    using C = tinkr_span;
    return std::tuple{
        Field{"trace_id", &C::trace_id, &R::trace_id, Json::text, "trace_id"},
        Field{"span_id", &C::span_id, &R::span_id, Json::text, "span_id"},
        Field{"parent_span_id", &C::parent_span_id, &R::parent_span_id, Json::optional_text,
              "parent_span_id"},
        Field{"service", &C::service, &R::service, Json::text, "service"},
        Field{"name", &C::name, &R::name, Json::text, "name"},
        Field{"kind", &C::kind, &R::kind, Json::optional_text, "kind"},
        Field{"start_ns", &C::start_unix_nano, &R::start_ns, Json::time, "time", "start"},
        Field{"duration_ns", &C::duration_ns, &R::duration_ns, Json::number, "duration"},
        Field{"status", &C::status, &R::status, Json::status, "status"},
        Field{"status_code", &C::status_code, &R::status_code, Json::optional_text, "status_code"},
        Field{"orphan", &C::flags, span_flags_member<R>(), Json::orphan},
        Field{"attributes", &C::attributes_json, &R::attributes_json, Json::object, "attributes."},
        Field{"events", &C::events_json, &R::events_json, Json::object},
    };
  }
};

template <>
struct Kind<tinkr_trace_summary> {
  static constexpr std::string_view type = "trace";
  static constexpr std::string_view free_text = "name";
  template <class R>
  static constexpr auto fields() {
    using C = tinkr_trace_summary;
    return std::tuple{
        Field{"trace_id", &C::trace_id, &R::trace_id, Json::text, "trace_id"},
        Field{"service", &C::service, &R::service, Json::text, "service"},
        Field{"name", &C::name, &R::name, Json::text, "name"},
        Field{"start_ns", &C::start_unix_nano, &R::start_ns, Json::time, "time", "start"},
        Field{"duration_ns", &C::duration_ns, &R::duration_ns, Json::number, "duration"},
        Field{"status", &C::status, &R::status, Json::status, "status"},
        Field{"status_code", &C::status_code, &R::status_code, Json::optional_text, "status_code"},
        Field{"span_count", &C::span_count, &R::span_count, Json::number},
        Field{"error_count", &C::error_count, &R::error_count, Json::number},
    };
  }
};

/// Calls visit(field) for each field of the kind CView, as the record type R has them, in JSON order.
template <class CView, class R, class Visit>
constexpr void for_each_field(Visit&& visit) {
  std::apply([&](const auto&... field) { (visit(field), ...); }, Kind<CView>::template fields<R>());
}

/// The same, stopping at the first field for which visit returns true; true when one did.
template <class CView, class R, class Visit>
constexpr bool any_field(Visit&& visit) {
  return std::apply([&](const auto&... field) { return (visit(field) || ...); },
                    Kind<CView>::template fields<R>());
}

/// How many fields the kind has (a check that a record type declares no member the table lacks).
template <class CView, class R>
inline constexpr std::size_t field_count = std::tuple_size_v<decltype(Kind<CView>::template fields<R>())>;

}  // namespace tinkr::sdk::fields
