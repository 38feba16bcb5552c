// C records -> owned records. Each struct's struct_size tells which members the plugin filled; all
// members read here are ABI 1.0, which every accepted plugin has.
#include "engine/record_copy.hpp"

namespace tinkr {
namespace {

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

}  // namespace

LogRecord copy_record(const tinkr_log_record& r) {
  LogRecord out;
  out.time_ns = r.time_unix_nano;
  out.severity_number = r.severity_number;
  out.severity_text = copy_string(r.severity_text);
  out.body = copy_string(r.body);
  out.service = copy_string(r.service);
  out.trace_id = copy_string(r.trace_id);
  out.span_id = copy_string(r.span_id);
  out.attributes_json = copy_string(r.attributes_json);
  out.item_count = r.item_count > 0 ? r.item_count : 1;
  return out;
}

MetricSeries copy_record(const tinkr_metric_series& s) {
  MetricSeries out;
  out.metric = copy_string(s.metric);
  out.native_metric = copy_string(s.native_metric);
  out.aggregation = copy_string(s.aggregation);
  out.unit = copy_string(s.unit);
  out.service = copy_string(s.service);
  out.dimensions_json = copy_string(s.dimensions_json);
  out.interval_ns = s.interval_ns;
  out.points.reserve(static_cast<std::size_t>(s.point_count));
  for (uint64_t i = 0; i < s.point_count; ++i)
    out.points.push_back({s.points[i].time_unix_nano, s.points[i].value, s.points[i].has_value != 0});
  return out;
}

Span copy_record(const tinkr_span& s) {
  Span out;
  out.trace_id = copy_string(s.trace_id);
  out.span_id = copy_string(s.span_id);
  out.parent_span_id = copy_string(s.parent_span_id);
  out.service = copy_string(s.service);
  out.name = copy_string(s.name);
  out.kind = copy_string(s.kind);
  out.start_ns = s.start_unix_nano;
  out.duration_ns = s.duration_ns;
  out.status = span_status(s.status);
  out.orphan = (s.flags & TINKR_SPAN_FLAG_ORPHAN) != 0;
  out.status_code = copy_string(s.status_code);
  out.attributes_json = copy_string(s.attributes_json);
  out.events_json = copy_string(s.events_json);
  return out;
}

TraceSummary copy_record(const tinkr_trace_summary& s) {
  TraceSummary out;
  out.trace_id = copy_string(s.trace_id);
  out.service = copy_string(s.service);
  out.name = copy_string(s.name);
  out.start_ns = s.start_unix_nano;
  out.duration_ns = s.duration_ns;
  out.status = span_status(s.status);
  out.status_code = copy_string(s.status_code);
  out.span_count = s.span_count;
  out.error_count = s.error_count;
  return out;
}

}  // namespace tinkr
