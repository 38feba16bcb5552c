// Owning copies of the records a plugin streams through the ABI (whose strings are borrowed views),
// field by field as tinkr/record_fields.hpp lists them.
#pragma once

#include "tinkr/plugin.h"
#include "tinkr/records.hpp"

#include <string>
#include <string_view>

namespace tinkr {

LogRecord copy_record(const tinkr_log_record& r);
MetricSeries copy_record(const tinkr_metric_series& s);
Span copy_record(const tinkr_span& s);
TraceSummary copy_record(const tinkr_trace_summary& s);
/// The record as it is, its text borrowed from the plugin (ResultSink::on_log_record_view).
LogRecordView view_record(const tinkr_log_record& r);

inline std::string_view view_string(tinkr_str s) {
  return s.ptr ? std::string_view(s.ptr, static_cast<std::size_t>(s.len)) : std::string_view();
}

inline std::string copy_string(tinkr_str s) {
  return std::string(view_string(s));
}

}  // namespace tinkr
