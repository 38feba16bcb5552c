// Metric names and resource kinds; see catalog.hpp.
#include "metrics/catalog.hpp"

#include <tinkr/sdk/error.hpp>

namespace tinkr::azure::metrics {

namespace {

using A = ir::Aggregation;

struct Entry {
  ResourceKind kind;
  std::string_view alias;  // the page's name
  std::string_view native;
  A aggregation;
  std::string_view unit;
};

// Function apps are Microsoft.Web/sites too: they get the App Service names plus their own.
constexpr Entry kEntries[] = {
    {ResourceKind::web_app, "requests", "Requests", A::sum, "Count"},
    {ResourceKind::web_app, "responseTime", "HttpResponseTime", A::avg, "Seconds"},
    {ResourceKind::web_app, "response_time", "HttpResponseTime", A::avg, "Seconds"},
    {ResourceKind::web_app, "http5xx", "Http5xx", A::sum, "Count"},
    {ResourceKind::function_app, "requests", "Requests", A::sum, "Count"},
    {ResourceKind::function_app, "responseTime", "HttpResponseTime", A::avg, "Seconds"},
    {ResourceKind::function_app, "http5xx", "Http5xx", A::sum, "Count"},
    {ResourceKind::function_app, "FunctionExecutionCount", "FunctionExecutionCount", A::sum, "Count"},
    {ResourceKind::function_app, "FunctionExecutionUnits", "FunctionExecutionUnits", A::sum, "Count"},
    {ResourceKind::container_app, "Requests", "Requests", A::sum, "Count"},
    {ResourceKind::container_app, "ResponseTime", "ResponseTime", A::avg, "Milliseconds"},
    {ResourceKind::sql_database, "dtu_consumption_percent", "dtu_consumption_percent", A::avg, "Percent"},
    {ResourceKind::sql_database, "connection_failed", "connection_failed", A::sum, "Count"},
};

bool same_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if ((a[i] | 0x20) != (b[i] | 0x20)) return false;
  return true;
}

bool has_token(std::string_view list, std::string_view token) {
  while (!list.empty()) {
    const auto comma = list.find(',');
    if (same_ignoring_case(list.substr(0, comma), token)) return true;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace

std::string_view arm_type(ResourceKind kind) {
  switch (kind) {
    case ResourceKind::web_app:
    case ResourceKind::function_app:
      return "Microsoft.Web/sites";
    case ResourceKind::container_app:
      return "Microsoft.App/containerApps";
    case ResourceKind::sql_database:
      return "Microsoft.Sql/servers/databases";
  }
  return {};
}

std::optional<ResourceKind> kind_from_hint(std::string_view hint) {
  if (hint.empty()) return std::nullopt;
  if (hint == "app_service") return ResourceKind::web_app;
  if (hint == "functions") return ResourceKind::function_app;
  if (hint == "container_apps") return ResourceKind::container_app;
  if (hint == "azure_sql") return ResourceKind::sql_database;
  throw sdk::Error(TINKR_INVALID_QUERY,
                   "resource type '" + std::string(hint) +
                       "' has no metrics in the azure backend; known: app_service, functions, "
                       "container_apps, azure_sql");
}

std::optional<ResourceKind> kind_of_resource(std::string_view type, std::string_view kind) {
  if (same_ignoring_case(type, "Microsoft.Web/sites"))
    return has_token(kind, "functionapp") ? ResourceKind::function_app : ResourceKind::web_app;
  if (same_ignoring_case(type, "Microsoft.App/containerApps")) return ResourceKind::container_app;
  if (same_ignoring_case(type, "Microsoft.Sql/servers/databases")) return ResourceKind::sql_database;
  return std::nullopt;
}

MetricName map_metric(ResourceKind kind, std::string_view name) {
  for (const auto& e : kEntries)
    if (e.kind == kind && (same_ignoring_case(e.alias, name) || same_ignoring_case(e.native, name)))
      return {std::string(e.native), e.aggregation, e.unit};
  return {std::string(name), std::nullopt, {}};
}

bool is_request_duration(std::string_view name) {
  for (std::string_view known : {"responseTime", "response_time", "HttpResponseTime", "requests/duration"})
    if (same_ignoring_case(name, known)) return true;
  return false;
}

// Percentiles never reach the Metrics REST lowering (lower_metrics refuses them first).
std::string_view azure_aggregation(ir::Aggregation a) {
  static constexpr std::string_view kNames[] = {"Average", "Minimum", "Maximum", "Total", "Count"};
  if (a.is_percentile())
    throw sdk::Error(TINKR_INTERNAL, "azure monitor metrics has no percentile aggregation");
  return kNames[a.kind];
}

std::string_view response_key(ir::Aggregation a) {
  static constexpr std::string_view kKeys[] = {"average", "minimum", "maximum", "total", "count"};
  if (a.is_percentile())
    throw sdk::Error(TINKR_INTERNAL, "azure monitor metrics has no percentile aggregation");
  return kKeys[a.kind];
}

}  // namespace tinkr::azure::metrics
