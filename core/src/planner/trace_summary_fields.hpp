// What a trace summary cannot answer. A trace search filters spans (the backend looks for traces
// with a matching span) but returns one summary per trace, which carries only some of a span's
// fields; the core cannot re-check a predicate on any other field against it.
#pragma once

#include <tinkr/ir.hpp>

#include <string>
#include <string_view>

namespace tinkr::planner::detail {

/// What a trace summary lacks to evaluate a predicate on `field`, in words for a message ("span
/// kind", "attributes"); empty when it carries the field: time, duration, service, trace_id, name,
/// status and status_code, the filter fields of its table in tinkr/record_fields.hpp.
std::string_view missing_from_trace_summary(std::string_view field);

/// The first field in `filter` that a trace summary lacks, or null when it carries every one (free
/// text looks in the summary's name, which it has).
const std::string* field_missing_from_trace_summary(const ir::Filter& filter);

}  // namespace tinkr::planner::detail
