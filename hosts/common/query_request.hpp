// A query request as JSON: the body of POST /api/v1/{logs,metrics,traces,query}, written by the CLI
// in remote mode and read by the server. Members (all optional but what the signal needs):
//
//   {"service": "payments-api", "query": "level>=warn", "since": "1h", "from": "...", "to": "...",
//    "limit": 100, "resource_type": "...", "order": {"field": "time", "descending": true},
//    "metrics": {"names": ["requests"], "aggregations": ["avg"], "interval": "5m", "group_by": [],
//                "top": 0},
//    "slow": "1s", "failed": true,          (traces: folded into the query text)
//    "trace_id": "...", "explain": true}
//
// POST /api/v1/query also takes {"ir": {...IR JSON...}}, {"native": "KQL..."} or "signal".
#pragma once

#include <tinkr/engine.hpp>
#include <tinkr/incident.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace tinkr::host {

struct QueryRequest {
  QuerySpec spec;
  std::optional<ir::Query> ir;  // set when the body held a whole IR query
  bool explain = false;
};

/// Which signals a route accepts: its own, or (for /api/v1/query) any named by the body.
struct RouteSignal {
  std::optional<ir::Signal> fixed;  // nullopt: the body chooses (default logs)
};

/// The JSON body for a spec (the CLI's remote mode).
std::string request_to_json(const QuerySpec& spec, bool explain);

/// Reads a body. Malformed JSON, a wrong type or an unknown member is invalid_query naming the member.
Expected<QueryRequest> request_from_json(std::string_view body, RouteSignal route);

/// Adds the trace-search shortcuts to a query text: "--slow 1s" is duration>1s, "--failed" is
/// status:error, and both together are (status:error OR duration>1s); the shortcut is joined to `text`
/// with AND. `slow` is validated as a duration.
Expected<std::string> fold_trace_filters(std::string text, std::string_view slow, bool failed);

/// The body of POST /api/v1/incident (and the MCP tool incident_report's arguments):
/// {"service": "payments-api", "since": "1h", "from": "...", "to": "...", "baseline": "prev",
///  "slow": "1s", "top": 10}; only service is required. An unknown member is invalid_query naming it.
Expected<incident::ReportOptions> incident_request_from_json(std::string_view body);

/// That body for the options (the CLI's remote mode); empty texts are left out.
std::string incident_request_to_json(const incident::ReportOptions& options);

}  // namespace tinkr::host
