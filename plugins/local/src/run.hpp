// run.hpp: executing each signal's SQL on a borrowed connection and streaming the rows to the sink as
// records. Each function returns when the rows end or the sink wants no more.
#pragma once

#include "sqlite.hpp"

#include <tinkr/sdk/ir.hpp>
#include <tinkr/sdk/records.hpp>

#include <string_view>

namespace tinkr::local {

void run_logs(Connection& connection, const ir::Query& query, sdk::Sink& sink);
/// Log groups as the sdk/log_groups.hpp table.
void run_log_groups(Connection& connection, const ir::Query& query, sdk::Sink& sink);
void run_trace_search(Connection& connection, const ir::Query& query, sdk::Sink& sink);
/// Throws sdk::Error(TINKR_NOT_FOUND) when the trace has no span at all.
void run_trace_get(Connection& connection, const ir::Query& query, sdk::Sink& sink);
void run_metrics(Connection& connection, const ir::Query& query, sdk::Sink& sink);

/// Runs the user's own SQL on a read-only connection and streams it as one generic table. Refuses
/// anything but a single read-only statement.
void run_native(Connection& read_only, std::string_view sql, sdk::Sink& sink);

/// The table's columns and their declared types (sdk/table_schema.hpp); TINKR_NOT_FOUND naming the
/// tables there are when it has none.
void run_schema(Connection& connection, const ir::Query& query, sdk::Sink& sink);

}  // namespace tinkr::local
