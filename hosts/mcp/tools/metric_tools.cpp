// query_metrics: metric series of a service, aggregated per interval, optionally grouped.
#include "mcp/tools/common.hpp"
#include "mcp/tools/tool_factories.hpp"

#include "common/record_json.hpp"

#include <tinkr/query.hpp>

namespace tinkr::mcp {
namespace {

ToolOutcome query_metrics(const rapidjson::Value& value, ToolContext& context) {
  auto args = Arguments::read(
      value, {"service", "names", "aggregations", "interval", "group_by", "top", "from", "to"});
  if (!args) return error_outcome(args.error());
  auto service = args->string("service");
  auto names = args->strings("names", true);
  auto aggregations = args->strings("aggregations");
  auto interval = args->string("interval");
  auto group_by = args->strings("group_by");
  auto from = args->string("from");
  auto to = args->string("to");
  auto top = args->integer("top", 0, 0, 1000);
  if (!service) return error_outcome(service.error());
  for (const auto* e : {&names, &aggregations, &group_by})
    if (!*e) return error_outcome(e->error());
  for (const auto* e : {&interval, &from, &to})
    if (!*e) return error_outcome(e->error());
  if (!top) return error_outcome(top.error());
  QuerySpec spec;
  spec.signal = ir::Signal::metrics;
  spec.service = *service;
  spec.from = *from;
  spec.to = *to;
  spec.metrics.names = *names;
  spec.metrics.group_by = *group_by;
  spec.metrics.top = *top;
  for (const auto& name : *aggregations) {
    auto aggregation = ir::aggregation_from_string(name);
    if (!aggregation)
      return error_outcome(
          Error(Error::Code::invalid_query, "argument 'aggregations': " + ir::bad_aggregation_message(name)));
    spec.metrics.aggregations.push_back(*aggregation);
  }
  if (!interval->empty()) {
    auto ns = query::parse_duration(*interval);
    if (!ns) return error_outcome(ns.error(), "interval takes a duration such as 1m, 5m, 1h");
    spec.metrics.interval_ns = *ns;
  }
  auto query = context.backend.build(spec);
  if (!query) return error_outcome(query.error());
  auto result = context.backend.collect(*query, context.run);
  if (!result) return error_outcome(result.error());
  Page page;
  page.items_key = "series";
  for (const auto& record : result->records) page.items.push_back(host::record_to_json(record));
  page.matched = static_cast<int64_t>(page.items.size());
  page.matched_is_lower_bound = result->stats.truncated;
  page.warnings = result->stats.warnings;
  page.narrow_hint = "ask for fewer metrics, a longer interval, a shorter from/to, or top";
  const ir::Query& built = *query;
  page.extra = [&](JsonWriter& w) { write_query_echo(w, built, ""); };
  return page_outcome(page, context.limits.max_result_bytes);
}

}  // namespace

Tool query_metrics_tool() {
  const std::string properties =
      R"("service":{"type":"string","description":"the service whose metrics to read"},)"
      R"("names":{"type":"array","items":{"type":"string"},"minItems":1,"description":"metric names, e.g. http.server.requests"},)"
      R"("aggregations":{"type":"array","items":{"type":"string","pattern":"^(avg|min|max|sum|count|p[0-9]{1,2}(\\.[0-9]{1,3})?)$"},)"
      R"("description":"default: each metric's own; pNN is a percentile (p50, p95, p99.9) where the backend computes them"},)"
      R"("interval":{"type":"string","description":"bucket size: 1m, 5m, 1h; default: chosen from the window"},)"
      R"("group_by":{"type":"array","items":{"type":"string"},"description":"dimension names to split series by"},)"
      R"("top":{"type":"integer","minimum":0,"maximum":1000,"description":"only the N largest series; 0: all"},)" +
      time_properties();
  const std::string series =
      R"({"type":"object","properties":{"type":{"const":"metric_series"},"metric":{"type":"string"},)"
      R"("aggregation":{"type":"string"},"unit":{"type":"string"},"service":{"type":"string"},)"
      R"("dimensions":{"type":"object"},"interval_ns":{"type":"integer"},"points":{"type":"array","items":)"
      R"({"type":"object","properties":{"time":{"type":"string"},"time_ns":{"type":"integer"},)"
      R"("value":{"type":["number","null"]}},"required":["time","value"]}}},"required":["metric","points"]})";
  return Tool{
      "query_metrics",
      "Query metrics",
      "Metric series of a service over a time window: one series per metric, aggregation and group, points "
      "per interval (null where there was no data).",
      object_schema(properties, R"("names")"),
      page_schema("series", series, R"("query":{"type":"object"})"),
      &query_metrics};
}

}  // namespace tinkr::mcp
