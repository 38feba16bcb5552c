// C records -> owned records (and a log record's view), derived from the record vocabulary. Each struct's
// struct_size tells which members the plugin filled; all members read here are ABI 1.0, which every accepted
// plugin has.
#include "engine/record_copy.hpp"

#include <tinkr/record_fields.hpp>

#include <boost/pfr/core.hpp>

#include <type_traits>

namespace tinkr {
namespace {

// A member added to a kept record but not to its table in tinkr/sdk/record_fields.hpp would be
// silently left empty by the copy, the JSON and the filter: these fail the build instead.
template <class Kept>
constexpr bool table_covers_every_member =
    boost::pfr::tuple_size_v<Kept> == fields::field_count<CView<Kept>, Kept>;
static_assert(table_covers_every_member<LogRecord>);
static_assert(table_covers_every_member<MetricSeries>);
static_assert(table_covers_every_member<Span>);
static_assert(table_covers_every_member<TraceSummary>);
static_assert(table_covers_every_member<LogRecordView>);

SpanStatus span_status(int32_t status) {
  switch (status) {
    case TINKR_SPAN_STATUS_OK:
      return SpanStatus::ok;
    case TINKR_SPAN_STATUS_ERROR:
      return SpanStatus::error;
    default:
      return SpanStatus::unset;
  }
}

std::vector<MetricPoint> copy_points(const tinkr_metric_series& s) {
  std::vector<MetricPoint> points;
  points.reserve(static_cast<std::size_t>(s.point_count));
  for (uint64_t i = 0; i < s.point_count; ++i)
    points.push_back({s.points[i].time_unix_nano, s.points[i].value, s.points[i].has_value != 0});
  return points;
}

template <class Kept>
Kept copy_fields(const CView<Kept>& c) {
  Kept out;
  for_each_kept_field<Kept>([&](const auto& field) {
    auto& kept = out.*field.member;
    using Value = std::decay_t<decltype(kept)>;
    if constexpr (std::is_same_v<Value, std::string>) {
      kept = copy_string(c.*field.c);
    } else if constexpr (std::is_same_v<Value, std::string_view>) {
      kept = view_string(c.*field.c);
    } else if constexpr (std::is_same_v<Value, SpanStatus>) {
      kept = span_status(c.*field.c);
    } else if constexpr (std::is_same_v<Value, bool>) {  // a span's orphan bit
      kept = (c.*field.c & TINKR_SPAN_FLAG_ORPHAN) != 0;
    } else if constexpr (std::is_same_v<Value, std::vector<MetricPoint>>) {
      kept = copy_points(c);
    } else if (field.json == fields::Json::count) {
      kept = c.*field.c > 0 ? c.*field.c : 1;  // a plugin that left it 0 sent one record
    } else {
      kept = c.*field.c;
    }
  });
  return out;
}

}  // namespace

LogRecord copy_record(const tinkr_log_record& r) {
  return copy_fields<LogRecord>(r);
}

LogRecordView view_record(const tinkr_log_record& r) {
  return copy_fields<LogRecordView>(r);
}

MetricSeries copy_record(const tinkr_metric_series& s) {
  return copy_fields<MetricSeries>(s);
}

Span copy_record(const tinkr_span& s) {
  return copy_fields<Span>(s);
}

TraceSummary copy_record(const tinkr_trace_summary& s) {
  return copy_fields<TraceSummary>(s);
}

}  // namespace tinkr
