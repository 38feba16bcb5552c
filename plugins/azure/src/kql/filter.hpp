// The KQL builder for filters: IR filter trees -> KQL conditions, through a FieldMap that says what
// each canonical field is in the table at hand. Every value goes through literal.hpp.
//
//   {"and": [{"field":"service","op":"eq","value":"api"}, {"field":"severity","op":"ge","value":13}]}
//     on AppTraces ->  | where AppRoleName == "api" | where SeverityLevel >= 2
//   {"or": [{"field":"status","op":"eq","value":"error"}, {"field":"duration","op":"gt","value":5e8}]}
//     on AppRequests ->  | where Success == false or DurationMs > 500
#pragma once

#include "kql/tables.hpp"

#include <tinkr/sdk/ir.hpp>

#include <span>
#include <string>
#include <string_view>

namespace tinkr::azure::kql {

/// How a canonical field is compared in one table.
enum class FieldKind {
  column,       // a plain column or expression of ColumnKind
  severity,     // the table's level column, compared by OpenTelemetry ranges
  dynamic_key,  // Properties["key"]: cast by the literal's type
  span_status,  // "ok" | "error" | "unset" over the Success column
  span_kind,    // a constant for the whole table (AppRequests: server)
  duration_ms,  // nanoseconds in the IR, DurationMs (real, milliseconds) in the table
};

struct FieldRef {
  FieldKind kind = FieldKind::column;
  std::string expr;  // the KQL text that yields the value
  ColumnKind column_kind = ColumnKind::string;
  bool ignore_case = false;             // compare with =~ / in~
  const TableMapping* table = nullptr;  // severity: whose levels
  std::string_view constant_kind;       // span_kind
};

/// Resolves canonical field names for one table. resolve throws sdk::Error(TINKR_UNSUPPORTED) naming
/// the field and the table when the table has no such field.
class FieldMap {
 public:
  virtual ~FieldMap() = default;
  virtual FieldRef resolve(std::string_view field) const = 0;
};

/// Appends one ` | where ...` per top-level conjunct of filter (nothing for the empty filter).
void append_where_clauses(std::string& out, const ir::Filter& filter, const FieldMap& fields);

/// Appends filter as one KQL boolean expression; `top` omits the outer parentheses of an or.
void append_condition(std::string& out, const ir::Filter& filter, const FieldMap& fields, bool top = false);

/// The field map of a log table: time, severity, body, service, trace_id, span_id, attributes.<key>.
class LogFieldMap : public FieldMap {
 public:
  explicit LogFieldMap(const TableMapping& table) : table_(table) {}
  FieldRef resolve(std::string_view field) const override;

 private:
  const TableMapping& table_;
};

/// `Bag["key"]` with the key escaped, or `column_ifexists("key", "")` for tables whose attributes
/// are their own columns.
std::string attribute_expression(const ColumnRef& bag, bool bag_is_columns, std::string_view key);

/// The severity condition for a level column (see docs/backends/azure.md, "Severity").
void append_severity_condition(std::string& out, const TableMapping& table, ir::Op op,
                               std::span<const ir::Value> values);

}  // namespace tinkr::azure::kql
