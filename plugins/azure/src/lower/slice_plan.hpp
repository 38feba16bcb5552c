// Past the service's caps, the pure half: Log Analytics answers at most 500,000 rows and about 64 MB
// per query, so a logs query asking for more first counts its rows (and their estimated size) per time
// bin in one small query, then is fetched as consecutive half-open time slices [from, to) that each fit
// the caps, in the query's time order. A row on a boundary belongs to exactly one slice. This file
// makes the KQL and the slices; lower/sliced_logs.hpp sends them.
#pragma once

#include "common/query_context.hpp"

#include <tinkr/sdk/ir.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace tinkr::azure {

/// The count query asks for about this many bins over the range.
inline constexpr int64_t kCountBins = 1000;

/// What the count query found in one bin [start_ns, start_ns + width).
struct TimeBin {
  int64_t start_ns = 0;
  int64_t rows = 0;
  int64_t bytes = 0;  // estimate_data_size of the projected columns
};

/// One slice to fetch: a half-open part of the query's range and what the count found in it.
struct TimeSlice {
  ir::TimeRange range;
  int64_t rows = 0;
  int64_t bytes = 0;
  bool oversized = false;  // one bin alone passes a cap: count it again in finer bins
};

/// The bins' width for a range: about kCountBins of them, a whole number of milliseconds (at least 1).
int64_t count_bin_width_ns(const ir::TimeRange& range);

/// The rows KQL of the query (half-open range), then
/// ` | summarize row_count = count(), data_bytes = sum(estimate_data_size(*)) by TimeGenerated =
/// bin_at(TimeGenerated, Nms, datetime(from))`.
std::string lower_logs_count_kql(const ir::Query& query, int64_t bin_width_ns);

/// Slices covering the range in the query's order (newest first when descending), each holding at most
/// nine tenths of caps.row_cap counted rows (room for rows ingested between the count and the fetch)
/// and caps.byte_budget estimated bytes; a bin over either is a slice of its own, marked oversized.
/// Stops once the slices hold `wanted` rows (0: the whole range), the last one then ending at the bin
/// that reached it. Bins may come in any order and need not be contiguous (empty bins are absent).
std::vector<TimeSlice> group_bins(std::vector<TimeBin> bins, const ir::TimeRange& range, int64_t width_ns,
                                  bool descending, const SliceSettings& caps, int64_t wanted);

/// The request for one slice: the logs KQL over `slice` (half-open), ordered as the query asks, with
/// ` | take N` when take > 0.
RequestPlan lower_logs_slice(const ir::Query& query, const ir::TimeRange& slice, int64_t take,
                             const QueryContext& context);

}  // namespace tinkr::azure
