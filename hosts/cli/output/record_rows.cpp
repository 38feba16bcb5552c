// The columns each kind of record shows in table and csv output.
#include "output/record_rows.hpp"

#include "common/time_text.hpp"

#include <tinkr/ir.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace tinkr::cli {
namespace {

// Tiny values keep their significant digits in exponent form (0.0000123 -> 1.23e-05).
std::string fmt_general(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

std::string upper(std::string_view text) {
  std::string result(text);
  for (auto& c : result) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
  return result;
}

std::string format_value(const MetricPoint& point) {
  return point.has_value ? format_number(point.value) : std::string();
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
    rows.push_back({time, series.metric, series.aggregation, value, value_unit(series), series.service,
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

std::string value_unit(const MetricSeries& series) {
  return series.aggregation == "count" ? std::string() : series.unit;
}

std::string format_number(double value) {
  if (!std::isfinite(value)) return std::isnan(value) ? "NaN" : (value > 0 ? "Infinity" : "-Infinity");
  // Six significant digits, but never an exponent for a large whole number: 3001080, not 3.00108e+06.
  const double magnitude = std::fabs(value);
  int integer_digits = magnitude < 1 ? 0 : static_cast<int>(std::floor(std::log10(magnitude))) + 1;
  int decimals = std::clamp(6 - integer_digits, 0, 6);
  if (magnitude > 0 && magnitude < 1e-4) return fmt_general(value);
  char text[352];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  std::string result = text;
  if (result.find('.') != std::string::npos) {
    while (result.back() == '0') result.pop_back();
    if (result.back() == '.') result.pop_back();
  }
  return result == "-0" ? "0" : result;
}

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
