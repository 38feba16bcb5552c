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
/// The newest time of the fixed records.
inline constexpr int64_t kFixedNewestNs = 1'750'000'000'000'000'000;
/// Emits `total` log records at fixed times, newest first, three at each second from kFixedNewestNs
/// back (record i at kFixedNewestNs - i/3 s, attribute "i"), those inside the query's window and at
/// most its limit: a store that stays the same whatever window is asked, as a backend paged by time.
void emit_fixed_logs(const ir::Query& query, int64_t total, sdk::Sink& sink);
/// Emits `count` trace summaries, the newest the longest, in `order`.
void emit_traces(const ir::Query& query, int64_t count, EmitOrder order, sdk::Sink& sink);
/// One trace of four spans; none for the trace id "missing".
void emit_trace(const ir::Query& query, sdk::Sink& sink);
void emit_metrics(const ir::Query& query, sdk::Sink& sink);
void emit_table(const ir::Query& query, int64_t count, sdk::Sink& sink);

}  // namespace tinkr::mock
