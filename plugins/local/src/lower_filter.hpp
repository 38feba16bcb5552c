// lower_filter.hpp: an IR filter as a SQL boolean expression over one of the local tables, with every
// value bound as a parameter. The meaning is the core's residual evaluator's (planner::matches, and
// docs/ir.md "Operators"), so the backend can call every pushed operator exact:
//   - a field the record lacks (or an empty text, a missing or null attribute) fails every predicate,
//     `ne` and `exists` included; `not` then turns that into true;
//   - text compares byte-wise with a string, as a number with a number when the text spells one;
//   - severities compare OpenTelemetry ranges (`severity eq 17` is any error);
//   - span status and booleans only know equal / not equal;
//   - contains, startswith and text search ignore ASCII case.
// Each predicate yields 0 or 1, never NULL, so NOT keeps that two-valued meaning.
//
// Examples (logs):
//   {"field":"severity","op":"ge","value":17}        -> severity_number >= ?1            ?1 = 17
//   {"field":"body","op":"contains","value":"Time"}  -> (body <> '' AND instr(lower(body), lower(?1)) > 0)
//   {"field":"attributes.http.method","op":"eq","value":"POST"}
//     -> coalesce(<present> AND (CASE json_type(attributes, <path>) WHEN 'text' THEN
//        json_extract(attributes, <path>) = ?4 ...), 0)  with the candidate paths ?1..?3 bound
#pragma once

#include "field_sql.hpp"
#include "sql.hpp"

#include <tinkr/sdk/ir.hpp>

#include <string>

namespace tinkr::local {

/// The SQL expression for `filter` on `table`, adding its parameters to `query`. An `all` filter is
/// "1". Throws sdk::Error(TINKR_UNSUPPORTED) for `matches`, which the core evaluates.
std::string lower_filter(const ir::Filter& filter, Table table, SqlQuery& query);

/// The conditions every signal shares: the service, the half-open time range [from, to) (a bound of
/// 0 is open) and the filter, joined with AND; "1" when there are none.
std::string lower_scope(const ir::Query& query, Table table, SqlQuery& sql);

}  // namespace tinkr::local
