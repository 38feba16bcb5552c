// incident_sections.hpp: the report's sections, each computed from records the engine returned
// (no I/O here, so each is tested on its own). incident_report.cpp asks the queries and calls these.
#pragma once

#include <tinkr/incident.hpp>
#include <tinkr/sdk/log_groups.hpp>

#include <vector>

namespace tinkr::incident::detail {

/// The bucket size for a window: the smallest of 10s, 30s, 1m, 5m, 15m, 30m, 1h, 3h, 6h, 12h, 1d that
/// gives at most 60 buckets (a longer window: a sixtieth of it, rounded up to a whole second).
int64_t bucket_size(int64_t window_ns);

/// The logs of warning and worse as distinct messages with their counts, per range.
struct LogGroupSplit {
  std::vector<sdk::LogGroup> window, baseline;
};

/// One group per record (a backend that cannot count: the core counts), split at the window's start.
LogGroupSplit groups_of_records(const std::vector<LogRecord>& logs, const ir::TimeRange& window);

/// The groups of a log_groups answer (the backend counted); plugin_abi when the table is missing,
/// lacks a column, or holds a number that is not one. Both readers give every group a count of at
/// least 1, so the patterns add counts as they come.
Expected<std::vector<sdk::LogGroup>> groups_of_tables(const std::vector<Table>& tables);

/// Error patterns: the messages mined into templates (each weighted by its count), counted per range;
/// the templates seen in the window, new ones first, then the worst severity, then the most frequent;
/// at most `top`.
std::vector<Pattern> error_patterns(const std::vector<sdk::LogGroup>& window,
                                    const std::vector<sdk::LogGroup>& baseline, std::size_t top);

/// Failing operations: `failed_or_slow` (the failed or slow requests over the baseline and the window)
/// grouped by name; `requests` (all of them) gives each one's request count in the window. Most
/// failures first, then most slow requests; at most `top`.
std::vector<Operation> failing_operations(const std::vector<TraceSummary>& failed_or_slow,
                                          const std::vector<TraceSummary>& requests,
                                          const ir::TimeRange& window, int64_t slow_ns, std::size_t top);

/// Metric shifts of the requests' rate, error rate and latency percentiles, bucket by bucket over
/// the window, each scored against the baseline's buckets (or, when the baseline has fewer than six
/// buckets with requests, the window's own). Sets `baseline_has_data`: whether the baseline was the
/// reference.
std::vector<MetricShift> metric_shifts(const std::vector<TraceSummary>& requests, const ir::TimeRange& window,
                                       const ir::TimeRange& baseline, int64_t bucket_ns,
                                       bool& baseline_has_data);

/// The critical path of one trace's spans as report steps, and the exception messages on its spans.
ExampleTrace example_trace(std::string why, const std::vector<Span>& spans);

}  // namespace tinkr::incident::detail
