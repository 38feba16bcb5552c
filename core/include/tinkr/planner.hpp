// tinkr/planner.hpp: capability negotiation. A backend's describe() says what it can push down; the
// planner splits a query's filter into the part sent to the backend and a residual the core evaluates
// on the returned records, then the core applies the limit. Modelled on SQLite's xBestIndex: the core
// re-checks whatever it pushed unless the backend marks that operator exact.
#pragma once

#include <tinkr/error.hpp>
#include <tinkr/ir.hpp>
#include <tinkr/records.hpp>

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace tinkr::planner {

/// What a backend declared in describe(). docs/plugin-abi.md lists the JSON members.
struct Capabilities {
  std::set<ir::Signal> signals;
  std::set<std::string> fields;      // canonical field names; "attributes.*" allows every attribute
  std::set<ir::Op> operators;        // operators it can evaluate
  std::set<ir::Op> exact_operators;  // operators whose results need no re-check in core
  bool text_search = false;          // free-text message search
  bool boolean_or = true;            // or-nodes
  bool boolean_not = true;           // not-nodes
  bool order = true;                 // can return results in the IR's order
  bool limit = true;                 // can apply the IR's limit
  int64_t max_limit = 0;             // 0: none
  std::string native_language;       // "kql", "sql", ...
};

/// Parses describe()'s JSON. Invalid JSON, a wrong type or an unknown signal/operator is an error
/// naming the member.
Expected<Capabilities> parse_capabilities(std::string_view json);

struct Plan {
  ir::Query pushed;           // what goes to the backend (filter, and limit/order when safe)
  ir::Filter residual;        // what the core evaluates on returned records; all() when nothing
  int64_t limit = 0;          // the user's limit, applied by the core after the residual
  bool overfetch = false;     // the pushed limit was raised because a residual exists
  std::vector<std::string> notes;  // for explain: what was kept back and why
};

/// Splits `query` for a backend. Refuses (Error::Code::unsupported) a signal the backend lacks, with
/// the reason. With pushdown == false nothing but the signal, service and time range is pushed (a
/// debugging switch; results must not change).
Expected<Plan> plan(const ir::Query& query, const Capabilities& capabilities, bool pushdown = true);

/// Does the record satisfy the filter? The reference semantics of every operator (docs/ir.md).
bool matches(const ir::Filter& filter, const Record& record);

}  // namespace tinkr::planner
