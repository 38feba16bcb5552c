// The metric-capable Azure resource kinds and the page's common metric names, mapped to Azure's real
// names with their default aggregation and unit (../shared/vectors/azure/metrics/common-metrics.json).
#pragma once

#include <tinkr/sdk/ir.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace tinkr::azure::metrics {

enum class ResourceKind { web_app, function_app, container_app, sql_database };

/// The ARM resource type of a kind: Microsoft.Web/sites, Microsoft.App/containerApps, ...
std::string_view arm_type(ResourceKind kind);

/// The kind a metrics resource-type hint names: app_service, functions, container_apps, azure_sql;
/// nullopt for an empty hint. Throws sdk::Error(TINKR_INVALID_QUERY) listing the known hints.
std::optional<ResourceKind> kind_from_hint(std::string_view hint);

/// The kind of an ARM resource (type plus the comma list in `kind`, e.g. "functionapp,linux");
/// nullopt for types without metrics support here.
std::optional<ResourceKind> kind_of_resource(std::string_view type, std::string_view kind);

struct MetricName {
  std::string native;                          // Azure's name, e.g. HttpResponseTime
  std::optional<ir::Aggregation> aggregation;  // its default; nullopt for names we do not know
  std::string_view unit;                       // empty when unknown
};

/// Maps a name the user gave (the page's, case-insensitive, or Azure's own) for a resource kind.
/// Unknown names pass through unchanged so that Azure's answer lists the valid ones.
MetricName map_metric(ResourceKind kind, std::string_view name);

/// Whether a metric name means the latency of the service's requests (responseTime, response_time,
/// HttpResponseTime, requests/duration; case-insensitive): its percentiles come from AppRequests.
bool is_request_duration(std::string_view name);

/// Azure's aggregation parameter value (Average, Minimum, Maximum, Total, Count) and response key
/// (average, minimum, ...). Throw sdk::Error(TINKR_INTERNAL) for a percentile, which the
/// Metrics REST API does not compute.
std::string_view azure_aggregation(ir::Aggregation a);
std::string_view response_key(ir::Aggregation a);

}  // namespace tinkr::azure::metrics
