// The one table-driven place that says, for each Log Analytics table the plugin reads logs from,
// which column holds the time, the severity (and what its values mean), the message, the service,
// the attributes, the sampling count and the trace context. Lowering and decoding both read it.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace tinkr::azure::kql {

/// What a column holds, for choosing operators and literals.
enum class ColumnKind { string, integer, real, datetime, boolean, dynamic };

/// One column a canonical field maps to. `expression` (when set) computes the value and is
/// projected as `column = expression`; otherwise the column itself is used. Unavailable when
/// column is empty.
struct ColumnRef {
  std::string_view column;
  std::string_view expression;
  ColumnKind kind = ColumnKind::string;

  bool available() const { return !column.empty(); }
  /// The KQL text to use inside a predicate.
  std::string_view predicate_text() const { return expression.empty() ? column : expression; }
};

/// A native level value and the OpenTelemetry severity number it decodes to. For integer level
/// columns `native` is the decimal text of the value.
struct LevelValue {
  std::string_view native;
  int32_t severity_number;
};

struct TableMapping {
  std::string_view resource_type;  // the IR's resource-type hint: "app_insights", "aks", ...
  std::string_view table;
  ColumnRef time;
  ColumnRef body;
  ColumnRef severity;  // unavailable: the table has no level column
  std::span<const LevelValue> levels;
  ColumnRef service;
  bool service_ignores_case = false;    // service read from a lower-cased resource id
  ColumnRef attributes;                 // a dynamic bag, or a bag_pack(...) of the table's own columns
  bool attributes_are_columns = false;  // attributes.<key> names one of the table's columns
  ColumnRef item_count;
  ColumnRef trace_id;
  ColumnRef span_id;
};

/// The mapping for a resource-type hint; an empty hint means app_insights (AppTraces). Throws
/// sdk::Error(TINKR_INVALID_QUERY) listing the known hints for an unknown one.
const TableMapping& table_for(std::string_view resource_type);

/// Every mapping, in the order the docs list them.
std::span<const TableMapping> all_tables();

/// "app_insights, app_exceptions, aks, ..." for messages and describe().
std::string known_resource_types();

/// The level text of an integer level (AppTraces' 0..4) or the level value itself for string levels:
/// SeverityLevel 2 -> "Warning". Empty when unknown.
std::string_view level_text(const TableMapping& table, std::string_view native);

/// The OpenTelemetry number a native level decodes to (case-insensitive for text levels); 0 when the
/// value is not a known level.
int32_t level_severity(const TableMapping& table, std::string_view native);

}  // namespace tinkr::azure::kql
