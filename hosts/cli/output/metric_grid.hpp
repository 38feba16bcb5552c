// Metric series as a person reads them on a terminal: one row per point in time, one column per
// series ("http.server.duration avg (ms)"), instead of one row per point of every series; on a wide
// terminal, a summary row per series with its sparkline above that grid.
#pragma once

#include "output/record_rows.hpp"

#include <tinkr/records.hpp>

#include <string>
#include <vector>

namespace tinkr::cli {

void build_metric_grid(const std::vector<MetricSeries>& series, std::vector<std::string>& headers,
                       std::vector<TextRow>& rows);

/// One row per series: SERIES, MIN, MAX, LAST (its values over the query's range; "-" when it has
/// none). The TREND column is added by the caller once it knows how wide it may be.
void build_metric_summary(const std::vector<MetricSeries>& series, std::vector<std::string>& headers,
                          std::vector<TextRow>& rows);

/// "http.server.duration avg {"route":"/pay"} (ms)": metric, aggregation, dimensions, unit.
std::string series_title(const MetricSeries& series);

}  // namespace tinkr::cli
