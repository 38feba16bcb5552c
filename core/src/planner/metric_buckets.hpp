// A metrics query's buckets, settled in the core so that every backend answers on the same grid:
// metric names trimmed ("a, b" names "b", not " b"), an interval chosen when none is given, a long
// window's interval made coarser so that a series has at most kMaxBuckets points (said in a note),
// and the start aligned to a multiple of the interval (12:15, 12:20, not 12:18:26.123) so that two
// runs of the same query give the same bucket times.
#pragma once

#include <tinkr/error.hpp>
#include <tinkr/ir.hpp>

#include <string>
#include <vector>

namespace tinkr::planner {

/// Points per series above which a given interval is made coarser.
inline constexpr int64_t kMaxBuckets = 1440;
/// Points per series aimed at when the query names no interval.
inline constexpr int64_t kDefaultBuckets = 300;

/// Adjusts query (signal metrics) in place; notes say what changed that the user asked otherwise.
Expected<void> settle_metric_buckets(ir::Query& query, std::vector<std::string>& notes);

}  // namespace tinkr::planner
