// lower_filter.hpp: an IR filter as a SQL boolean expression over one of the local tables, with every
// value bound as a parameter. Each predicate yields 0 or 1, never NULL, so `not` keeps the core's
// two-valued meaning (SQL's NULL would make `NOT (missing = 'x')` false instead of true).
//
// Examples (logs):
//   {"field":"severity","op":"ge","value":17}        -> severity_number >= ?1            ?1 = 17
//   {"field":"body","op":"contains","value":"Time"}  -> instr(lower(body), lower(?1)) > 0
//   {"field":"attributes.http.method","op":"eq","value":"POST"}
//     -> coalesce((CASE json_type(attributes, ?1) ... ELSE CAST(json_extract(attributes, ?1) AS TEXT) END) =
//     ?2, 0)
//        ?1 = '$."http.method"'  ?2 = 'POST'      (the key is bound too, never spliced)
#pragma once

#include "sql.hpp"

#include <tinkr/sdk/ir.hpp>

#include <string>

namespace tinkr::local {

enum class Table { logs, spans, metric_points };

/// The SQL expression for `filter` on `table`, adding its parameters to `query`. An `all` filter is
/// "1". Throws sdk::Error(TINKR_UNSUPPORTED) for `matches` (the core evaluates regexes) and
/// TINKR_INVALID_QUERY for a value that cannot mean anything for its field (severity 'loud').
std::string lower_filter(const ir::Filter& filter, Table table, SqlQuery& query);

/// The column a record's time lives in.
const char* time_column(Table table);

/// The conditions every signal shares: the service, the half-open time range [from, to) (a bound of
/// 0 is open) and the filter, joined with AND; "1" when there are none.
std::string lower_scope(const ir::Query& query, Table table, SqlQuery& sql);

}  // namespace tinkr::local
