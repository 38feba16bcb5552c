// tinkr/planner.hpp: capability negotiation. A backend's describe() says what it can push down; the
// planner splits a query's filter into the part sent to the backend and a residual the core evaluates
// on the returned records, then the core applies the limit. Modelled on SQLite's xBestIndex: the core
// re-checks whatever it pushed unless the backend marks that operator exact.
#pragma once

#include <tinkr/capability_sets.hpp>
#include <tinkr/error.hpp>
#include <tinkr/ir.hpp>
#include <tinkr/records.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace tinkr::planner {

/// What a backend declared in describe(). docs/plugin-abi.md lists the JSON members. Parsed from JSON,
/// a flag that is absent is false (a backend that does not say it can, cannot); the defaults here are
/// for capabilities built in code.
struct Capabilities {
  std::string name;  // the backend's name, for messages
  SignalSet signals;
  FieldSet fields;        // canonical field names; "attributes.*" allows every attribute
  OpSet operators;        // operators it can evaluate
  OpSet exact_operators;  // operators whose results need no re-check in core
  // Operators exact for one field only (e.g. severity ge where the level column is an integer).
  std::map<std::string, OpSet> exact_field_operators;

  /// Does the backend answer `op` on `field` exactly as the core would?
  bool is_exact(const std::string& field, ir::Op op) const {
    if (exact_operators.contains(op)) return true;
    auto it = exact_field_operators.find(field);
    return it != exact_field_operators.end() && it->second.contains(op);
  }
  bool text_search = false;     // free-text message search
  bool boolean_or = true;       // or-nodes
  bool boolean_not = true;      // not-nodes
  bool order = true;            // can return results in the IR's order
  bool limit = true;            // can apply the IR's limit
  int64_t max_limit = 0;        // 0: none
  std::string native_language;  // "kql", "sql", ...
  // Can compute percentile aggregations (p95) of metrics, for some metrics at least: a backend may
  // still refuse one metric, naming what it can do instead.
  bool metric_percentiles = false;
};

/// Parses describe()'s JSON. Invalid JSON, a wrong type or an unknown signal/operator is an error
/// naming the member.
Expected<Capabilities> parse_capabilities(std::string_view json);

struct Plan {
  ir::Query pushed;           // what goes to the backend (filter, and limit/order when safe)
  ir::Filter residual;        // what the core evaluates on returned records; all() when nothing
  int64_t limit = 0;          // the user's limit, applied by the core after the residual
  bool overfetch = false;     // the pushed limit was raised because a residual exists
  bool sort_in_core = false;  // the backend cannot order: the core sorts by query.order before the limit
  // For explain: decisions about the limit and order. What was kept back is the residual itself;
  // a part found in both the pushed filter and the residual was pushed but is re-checked (inexact).
  std::vector<std::string> notes;
  // Changes to what the user asked that the results must come with (e.g. a coarser metric interval):
  // run() hands them on in RunStats::notices, explain() lists them with the notes.
  std::vector<std::string> notices;
};

/// With a residual, the backend is asked for max(limit * kOverfetchFactor, kOverfetchMinimum) records
/// (capped by max_limit) instead of the user's limit; fewer than `limit` may then pass the residual
/// although more exist, which the engine reports when the backend returned exactly the pushed limit.
inline constexpr int64_t kOverfetchFactor = 10;
inline constexpr int64_t kOverfetchMinimum = 1000;

/// Splits `query` for a backend. Refuses (Error::Code::unsupported) a signal the backend lacks, with
/// the reason, and (invalid_query) a `matches` regex that does not compile. With pushdown == false
/// nothing but the signal, service and time range (and a metrics query's spec) is pushed (a debugging
/// switch; results must not change).
///
/// Worked example, for a backend with fields {severity, body}, operators {eq, in, contains}, exact
/// operators {eq, in}, no text search:
///   filter  and(severity in [17, 21], text "connection timeout", body contains "db", not(text "health"))
///   pushed  and(severity in [17, 21], body contains "db")         limit max(limit*10, 1000)
///   residual and(text "connection timeout", body contains "db", not(text "health"))
/// `body contains` is pushed and also re-checked, because contains is not exact for this backend.
/// An inexact predicate is never pushed under a not: the backend may return extra records for it
/// (never fewer), and a not of "extra" is "fewer", which the core could not recover.
Expected<Plan> plan(const ir::Query& query, const Capabilities& capabilities, bool pushdown = true);

/// Does the record satisfy the filter? The reference semantics of every operator (docs/ir.md): eq, ne,
/// in and the comparisons are case-sensitive on text; contains, startswith and text search are
/// case-insensitive (ASCII); matches is an ECMAScript regex search anywhere in the value; a field the
/// record does not have satisfies no predicate (not even ne), so `not` of it is true.
bool matches(const ir::Filter& filter, const Record& record);

}  // namespace tinkr::planner
