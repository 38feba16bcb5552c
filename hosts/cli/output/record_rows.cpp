// The columns each kind of record shows in table and csv output.
#include "output/record_rows.hpp"

#include "common/time_text.hpp"

#include <tinkr/ir.hpp>

#include <cstdio>

namespace tinkr::cli {
namespace {

std::string upper(std::string_view text) {
  std::string result(text);
  for (auto& c : result) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
  return result;
}

std::string format_value(const MetricPoint& point) {
  if (!point.has_value) return "";
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", point.value);
  return text;
}

std::string dimensions_text(const std::string& json) {
  return json == "{}" ? std::string() : json;
}

void append_rows(const LogRecord& log, std::vector<TextRow>& rows) {
  rows.push_back({host::format_time(log.time_ns), upper(ir::severity_text(log.severity_number)), log.service,
                  log.body, log.trace_id});
}

void append_rows(const MetricSeries& series, std::vector<TextRow>& rows) {
  auto row = [&](const std::string& time, const std::string& value) {
    rows.push_back({time, series.metric, series.aggregation, value, series.unit, series.service,
                    dimensions_text(series.dimensions_json)});
  };
  if (series.points.empty()) row("", "");
  for (const auto& point : series.points) row(host::format_time(point.time_ns), format_value(point));
}

void append_rows(const Span& span, std::vector<TextRow>& rows) {
  rows.push_back({host::format_time(span.start_ns), host::format_duration(span.duration_ns),
                  upper(to_string(span.status)), span.service, span.name, span.span_id, span.parent_span_id});
}

void append_rows(const TraceSummary& trace, std::vector<TextRow>& rows) {
  rows.push_back({host::format_time(trace.start_ns), host::format_duration(trace.duration_ns),
                  upper(to_string(trace.status)), trace.service, trace.name, std::to_string(trace.span_count),
                  std::to_string(trace.error_count), trace.trace_id});
}

}  // namespace

const std::vector<std::string>& record_headers(const Record& record) {
  static const std::vector<std::string> kHeaders[] = {
      {"TIME", "LEVEL", "SERVICE", "MESSAGE", "TRACE_ID"},
      {"TIME", "METRIC", "AGGREGATION", "VALUE", "UNIT", "SERVICE", "DIMENSIONS"},
      {"START", "DURATION", "STATUS", "SERVICE", "NAME", "SPAN_ID", "PARENT_SPAN_ID"},
      {"START", "DURATION", "STATUS", "SERVICE", "NAME", "SPANS", "ERRORS", "TRACE_ID"},
  };
  return kHeaders[record.index()];
}

void append_record_rows(const Record& record, std::vector<TextRow>& rows) {
  std::visit([&rows](const auto& value) { append_rows(value, rows); }, record);
}

}  // namespace tinkr::cli
