// The fields a trace summary lacks, named for messages (docs/ir.md, "Fields per record").
#include "planner/trace_summary_fields.hpp"

#include <tinkr/record_fields.hpp>

namespace tinkr::planner::detail {
namespace {

/// Does a trace summary have a field that filters name `field` (its table in the record vocabulary)?
bool trace_summary_has(std::string_view field) {
  return fields::any_field<tinkr_trace_summary, TraceSummary>(
      [field](const auto& candidate) { return candidate.filter == field; });
}

}  // namespace

std::string_view missing_from_trace_summary(std::string_view field) {
  if (trace_summary_has(field)) return {};
  if (field == "kind") return "span kind";
  if (field == "parent_span_id") return "parent span id";
  if (field == "span_id") return "span id";
  if (field == "severity") return "severity";
  if (field == "body") return "message body";
  if (field.starts_with(ir::kAttributesPrefix)) return "attributes";
  if (field.starts_with(ir::kDimensionsPrefix)) return "dimensions";
  return "such field";
}

const std::string* field_missing_from_trace_summary(const ir::Filter& filter) {
  if (filter.kind == ir::Filter::Kind::predicate)
    return missing_from_trace_summary(filter.predicate.field).empty() ? nullptr : &filter.predicate.field;
  for (const auto& child : filter.children)
    if (const auto* field = field_missing_from_trace_summary(child)) return field;
  return nullptr;
}

}  // namespace tinkr::planner::detail
