// Metric series as a person reads them on a terminal: one row per point in time, one column per
// series ("http.server.duration avg (ms)"), instead of one row per point of every series.
#pragma once

#include "output/record_rows.hpp"

#include <tinkr/records.hpp>

#include <string>
#include <vector>

namespace tinkr::cli {

void build_metric_grid(const std::vector<MetricSeries>& series, std::vector<std::string>& headers,
                       std::vector<TextRow>& rows);

}  // namespace tinkr::cli
