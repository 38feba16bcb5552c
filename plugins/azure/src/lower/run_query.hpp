// The query path's entry points, called by the Azure backend (backend/): run one IR query, explain
// it, and describe what this path can push down. Lowering is pure (lower_*.hpp); only the Transport
// does I/O.
#pragma once

#include "common/query_context.hpp"

#include <tinkr/sdk/ir.hpp>
#include <tinkr/sdk/records.hpp>

#include <string>

namespace tinkr::azure {

namespace metrics {
class ResourceCache;
}

/// Lowers query, sends it through transport, decodes the answer and streams records to sink:
/// logs -> LogRecord, trace_search -> TraceSummary, trace_get -> Span (a tree; orphans flagged),
/// metrics -> MetricSeries (service resolved to a resource id through the ARM list, cached),
/// native -> generic tables. A partial result becomes a sink warning. Throws sdk::Error for bad
/// queries and Azure errors (status per decode/azure_error.hpp). Stops when the sink says so.
void run_query(const ir::Query& query, const QueryContext& context, Transport& transport, sdk::Sink& sink,
               const sdk::CallContext& call);

/// The same with an explicit resource cache (tests).
void run_query(const ir::Query& query, const QueryContext& context, Transport& transport, sdk::Sink& sink,
               const sdk::CallContext& call, metrics::ResourceCache& resources);

/// The exact KQL (logs, traces, native) or "GET <url>" (metrics) execute would send. For metrics by
/// service name the resource id is resolved only at execution; explain shows the id the name would
/// have for the hinted type and says so.
std::string explain_query(const ir::Query& query, const QueryContext& context);

/// The members signals, native_language, pushdown and resource_types of describe(), as one JSON
/// object for the backend to merge with name, version and options.
std::string capabilities_json();

}  // namespace tinkr::azure
