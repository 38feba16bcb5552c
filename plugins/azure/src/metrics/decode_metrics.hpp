// Azure Monitor Metrics answers -> MetricSeries: one series per metric, per time series (dimension
// values, whose names Azure lower-cases) and per aggregation requested. A point without the
// aggregation's key has no value (has_value 0), it is not a zero.
#pragma once

#include "metrics/lower_metrics.hpp"

#include <tinkr/sdk/records.hpp>

#include <string_view>

namespace tinkr::azure::metrics {

/// ISO 8601 duration (PT1M, PT6H, P1D, PT30S) in nanoseconds; 0 when unreadable.
int64_t parse_iso_duration(std::string_view text);

/// Emits every series of body; warns for metrics whose errorCode is not Success. Returns false when
/// the sink wants no more. Throws sdk::Error(TINKR_UPSTREAM_UNAVAILABLE) for a body that is not a
/// metrics answer.
bool emit_metric_series(std::string_view body, const MetricsPlan& plan, std::string_view service,
                        sdk::Sink& sink);

}  // namespace tinkr::azure::metrics
