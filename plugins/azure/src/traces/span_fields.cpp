// Span field mapping; see span_fields.hpp.
#include "traces/span_fields.hpp"

#include <tinkr/sdk/error.hpp>

namespace tinkr::azure::traces {

SpanFieldMap::SpanFieldMap(std::string_view table)
    : table_(table), kind_(table == "AppDependencies" ? "client" : "server") {}

kql::FieldRef SpanFieldMap::resolve(std::string_view field) const {
  using kql::ColumnKind;
  using kql::FieldKind;
  auto column = [](std::string_view name, ColumnKind kind) {
    return kql::FieldRef{FieldKind::column, std::string(name), kind, false, nullptr, {}};
  };
  if (field.starts_with(ir::kAttributesPrefix)) {
    static constexpr kql::ColumnRef kProperties{"Properties", {}, ColumnKind::dynamic};
    return kql::FieldRef{
        FieldKind::dynamic_key,
        kql::attribute_expression(kProperties, false, field.substr(ir::kAttributesPrefix.size())),
        ColumnKind::dynamic,
        false,
        nullptr,
        {}};
  }
  if (field == "time") return column("TimeGenerated", ColumnKind::datetime);
  if (field == "service") return column("AppRoleName", ColumnKind::string);
  if (field == "name") return column("Name", ColumnKind::string);
  if (field == "status_code") return column("ResultCode", ColumnKind::string);
  if (field == "trace_id") return column("OperationId", ColumnKind::string);
  if (field == "span_id") return column("Id", ColumnKind::string);
  if (field == "parent_span_id") return column("ParentId", ColumnKind::string);
  if (field == "duration")
    return kql::FieldRef{FieldKind::duration_ms, "DurationMs", ColumnKind::real, false, nullptr, {}};
  if (field == "status")
    return kql::FieldRef{FieldKind::span_status, "Success", ColumnKind::boolean, false, nullptr, {}};
  if (field == "kind")
    return kql::FieldRef{FieldKind::span_kind, {}, ColumnKind::string, false, nullptr, kind_};
  throw sdk::Error(TINKR_UNSUPPORTED,
                   "field '" + std::string(field) + "' is not available for spans in " + std::string(table_));
}

}  // namespace tinkr::azure::traces
