// tinkr/record_fields.hpp: the record vocabulary (tinkr/sdk/record_fields.hpp) for the records the core
// keeps (and for LogRecordView, a log record's borrowed view, whose members are LogRecord's).
// CView<LogRecord> is the C view a kept LogRecord is copied from; for_each_kept_field walks its fields in
// JSON order. The hosts' JSON writer and reader and the core's copy and filter are built on it.
#pragma once

#include <tinkr/records.hpp>
#include <tinkr/sdk/record_fields.hpp>

namespace tinkr {

template <class Kept>
struct CViewOf;
template <>
struct CViewOf<LogRecord> {
  using type = tinkr_log_record;
};
template <>
struct CViewOf<LogRecordView> {
  using type = tinkr_log_record;
};
template <>
struct CViewOf<MetricSeries> {
  using type = tinkr_metric_series;
};
template <>
struct CViewOf<Span> {
  using type = tinkr_span;
};
template <>
struct CViewOf<TraceSummary> {
  using type = tinkr_trace_summary;
};

/// The C view (plugin.h) of a kept record type.
template <class Kept>
using CView = typename CViewOf<Kept>::type;

namespace fields = sdk::fields;

/// Calls visit(field) for each field of the kept record type Kept, in JSON order (field.member is
/// Kept's member, field.c the C view's).
template <class Kept, class Visit>
constexpr void for_each_kept_field(Visit&& visit) {
  fields::for_each_field<CView<Kept>, Kept>(visit);
}

/// The "type" of a kept record's JSON object: "log", "metric_series", "span" or "trace".
template <class Kept>
inline constexpr std::string_view record_type_of = fields::Kind<CView<Kept>>::type;

}  // namespace tinkr
