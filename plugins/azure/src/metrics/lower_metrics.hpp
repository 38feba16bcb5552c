// Metrics -> one Azure Monitor Metrics REST request:
//   GET {arm}{resourceId}/providers/microsoft.insights/metrics?api-version=2024-02-01
//       &metricnames=Requests,HttpResponseTime&timespan=<start>/<end>&interval=PT1M
//       &aggregation=Total,Average[&$filter=Instance eq '*'&top=5&orderby=Total desc]
// every part percent-encoded. The page's metric names map to Azure's (catalog.hpp); the interval is
// chosen from the range when the query gives none.
#pragma once

#include "common/query_context.hpp"
#include "metrics/catalog.hpp"

#include <tinkr/sdk/ir.hpp>

#include <string>
#include <vector>

namespace tinkr::azure::metrics {

inline constexpr std::string_view kMetricsApiVersion = "2024-02-01";

struct RequestedMetric {
  std::string name;                           // as the user wrote it
  MetricName mapped;                          // Azure's name, default aggregation, unit
  std::vector<ir::Aggregation> aggregations;  // series to emit; empty: every one Azure returns
};

struct MetricsPlan {
  RequestPlan request;
  std::vector<RequestedMetric> metrics;
  int64_t interval_ns = 0;
};

/// Azure's grains: PT1M PT5M PT15M PT30M PT1H PT6H PT12H P1D.
std::string_view grain_name(int64_t interval_ns);

/// The finest grain giving at most 300 points over the range (P1D beyond).
int64_t choose_interval(int64_t range_ns);

/// The $filter text (before URL encoding) for the dimension filter and group-by; empty for none.
/// Supports an and of per-dimension eq / in (and or of eq on one dimension); names are checked,
/// values written as OData literals ('' for a quote). Throws sdk::Error otherwise.
std::string dimension_filter(const ir::MetricsSpec& spec);

/// The Metrics REST API has no percentile aggregation: throws sdk::Error(TINKR_UNSUPPORTED) for a
/// query asking one, naming a metric that is not a request duration (queries whose metrics all are go
/// to AppRequests instead: request_percentiles.hpp) and what works. Called before any I/O.
void refuse_percentiles(const ir::MetricsSpec& spec);

/// GET of a resource's metric definitions (the doctor's Metrics check), on ARM.
RequestPlan metric_definitions_plan(const QueryContext& context, std::string_view resource_id);

MetricsPlan lower_metrics(const ir::Query& query, const QueryContext& context, std::string_view resource_id,
                          ResourceKind kind);

}  // namespace tinkr::azure::metrics
