// `tinkr logs SERVICE [QUERY] --histogram`: the log volume by severity over the window, instead of the
// records (docs/cli.md "Charts"). The window is fixed once here, so that the buckets and the query
// cover the same instants; every record the query returns is counted, up to the limit.
#pragma once

#include "context.hpp"

#include <tinkr/engine.hpp>

namespace tinkr::cli {

/// Records a histogram reads when --limit is not given: enough for any hour of a busy service on the
/// local store, and said in the output when it is not enough.
inline constexpr int64_t kHistogramDefaultLimit = 100'000;

/// Runs the logs query of `spec` (its limit already set) and prints the histogram: text for -o table,
/// the numbers as one JSON object for -o json; other formats are refused. Returns the exit code.
int run_log_histogram(const QueryEnv& env, QuerySpec spec);

}  // namespace tinkr::cli
