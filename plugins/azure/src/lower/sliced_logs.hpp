// Past the service's caps, the sending half (the planning is lower/slice_plan.hpp): a logs query asking
// for more rows than the profile's slice_above_rows counts its rows per time bin, groups the bins into
// slices that fit the caps (a bin still too big is counted again in finer bins), and fetches the slices
// with at most slice_concurrency requests in flight. Each answer is pulled and decoded in turn, in the
// query's time order; an answer not yet read waits in the socket's buffers (the server stops sending
// when they fill), so memory does not grow with the number of rows.
#pragma once

#include "common/query_context.hpp"
#include "decode/table_reader.hpp"

#include <tinkr/sdk/ir.hpp>
#include <tinkr/sdk/records.hpp>

#include <functional>

namespace tinkr::azure {

/// Whether run_sliced_logs should answer query: a limit above slice_above_rows over a set range.
/// Throws sdk::Error(TINKR_INVALID_QUERY) for a limit above max_rows (naming the option), and for an
/// order other than time when slicing (slices are merged in time order only).
bool wants_slicing(const ir::Query& query, const SliceSettings& settings);

/// Called with each answer's result, the row counts' included (a partial error becomes the caller's
/// warning; the statistics its cost).
using AnswerObserver = std::function<void(const decode::ReadResult&)>;

/// Counts, plans and fetches query (logs) in slices, feeding every row to consumer in time order.
/// Returns the rows read in all and whether the consumer stopped.
decode::ReadResult run_sliced_logs(const ir::Query& query, const QueryContext& context, Transport& transport,
                                   const sdk::CallContext& call, decode::RowConsumer& consumer,
                                   const AnswerObserver& observe);

}  // namespace tinkr::azure
