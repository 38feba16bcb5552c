// One trace's rows (AppRequests, AppDependencies, AppExceptions) -> a span tree. Requests are server
// spans, dependencies client spans; exceptions become events of the span whose Id is their ParentId.
// A span whose ParentId names no span of the trace is kept and flagged TINKR_SPAN_FLAG_ORPHAN (a
// ParentId equal to the trace id marks a root, as Application Insights writes it). Spans come out
// parents before children, siblings by start time; orphans follow the tree.
#pragma once

#include <tinkr/sdk/records.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tinkr::azure::traces {

/// One row of the trace query, owned.
struct TraceRow {
  std::string table;  // the Type column: AppRequests | AppDependencies | AppExceptions
  std::string id, parent_id, name, result_code, service, dependency_type, target, exception_type, message;
  std::string properties_json;
  int64_t time_ns = 0;
  int64_t duration_ns = 0;
  std::optional<bool> success;
};

/// An assembled span: owns the strings its sdk::Span view points at.
struct AssembledSpan {
  std::string trace_id, span_id, parent_span_id, service, name, kind, status_code, attributes_json,
      events_json;
  int64_t start_ns = 0, duration_ns = 0;
  int32_t status = TINKR_SPAN_STATUS_UNSET;
  uint32_t flags = 0;

  sdk::Span view() const;
};

/// Assembles the rows of one trace. Exceptions whose span is missing go to the first root as events
/// with "orphan": true; when there is no span at all each becomes its own orphan span.
std::vector<AssembledSpan> assemble_trace(const std::string& trace_id, const std::vector<TraceRow>& rows);

}  // namespace tinkr::azure::traces
