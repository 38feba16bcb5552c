// Owning copies of the records a plugin streams through the ABI (whose strings are borrowed views),
// field by field as tinkr/record_fields.hpp lists them.
#pragma once

#include "tinkr/plugin.h"
#include "tinkr/records.hpp"

#include <string>

namespace tinkr {

LogRecord copy_record(const tinkr_log_record& r);
MetricSeries copy_record(const tinkr_metric_series& s);
Span copy_record(const tinkr_span& s);
TraceSummary copy_record(const tinkr_trace_summary& s);

inline std::string copy_string(tinkr_str s) {
  return s.ptr ? std::string(s.ptr, static_cast<std::size_t>(s.len)) : std::string();
}

}  // namespace tinkr
