// The records the mock backend serves: deterministic, spread over the query's time range.
#pragma once

#include <tinkr/sdk/backend.hpp>

#include <cstdint>

namespace tinkr::mock {

/// Emits `count` log records of `query.service`, newest first, until the sink says stop.
void emit_logs(const ir::Query& query, int64_t count, sdk::Sink& sink, const sdk::CallContext& call);
void emit_traces(const ir::Query& query, int64_t count, sdk::Sink& sink);
void emit_trace(const ir::Query& query, sdk::Sink& sink);
void emit_metrics(const ir::Query& query, sdk::Sink& sink);
void emit_table(const ir::Query& query, int64_t count, sdk::Sink& sink);

}  // namespace tinkr::mock
