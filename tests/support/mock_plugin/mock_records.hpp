// The records the mock backend serves: deterministic, spread over the query's time range.
#pragma once

#include <tinkr/sdk/backend.hpp>

#include <cstdint>

namespace tinkr::mock {

/// The order records leave the mock in: newest first, or (for the build that declares it cannot
/// order) a fixed scramble that is in no order at all, the way a backend without sorting returns them.
enum class EmitOrder { newest_first, scrambled };

/// Emits `count` log records of `query.service` until the sink says stop. The records are the same
/// in either order; only the order they are emitted in differs.
void emit_logs(const ir::Query& query, int64_t count, EmitOrder order, sdk::Sink& sink,
               const sdk::CallContext& call);
/// Emits `count` trace summaries, the newest the longest, in `order`.
void emit_traces(const ir::Query& query, int64_t count, EmitOrder order, sdk::Sink& sink);
void emit_trace(const ir::Query& query, sdk::Sink& sink);
void emit_metrics(const ir::Query& query, sdk::Sink& sink);
void emit_table(const ir::Query& query, int64_t count, sdk::Sink& sink);

}  // namespace tinkr::mock
