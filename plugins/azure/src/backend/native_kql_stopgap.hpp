// TEMPORARY (remove when plugins/azure/src/lower/run_query.hpp lands): the minimum query path the
// backend needs before the real one exists - native KQL sent as is to the Log Analytics query API and
// its tables passed through - plus the capabilities JSON. The real lowering and decoding (issue 5)
// replace every function here; backend/query_path.hpp switches over by itself.
#pragma once

#include "common/query_context.hpp"

#include <tinkr/sdk/ir.hpp>
#include <tinkr/sdk/records.hpp>

#include <string>

namespace tinkr::azure::stopgap {

/// Native signal only; any other signal is TINKR_UNSUPPORTED naming it.
void run_query(const ir::Query& query, const QueryContext& context, Transport& transport, sdk::Sink& sink,
               const sdk::CallContext& call);

/// The plan's URL and KQL, unsent.
std::string explain_query(const ir::Query& query, const QueryContext& context);

/// The "signals", "native_language", "pushdown" and "resource_types" members of describe().
std::string capabilities_json();

}  // namespace tinkr::azure::stopgap
