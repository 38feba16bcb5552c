// lower_percentiles.cpp: the SQL reading the values a percentile is taken over (lower.hpp).
#include "lower.hpp"

#include "lower_filter.hpp"

#include <tinkr/sdk/error.hpp>

namespace tinkr::local {

namespace {

// A dimension filter over spans: dimensions.<key> is the span's attribute <key>.
ir::Filter as_attribute_filter(ir::Filter filter) {
  if (filter.kind == ir::Filter::Kind::predicate && filter.predicate.field.starts_with(ir::kDimensionsPrefix))
    filter.predicate.field =
        std::string(ir::kAttributesPrefix) + filter.predicate.field.substr(ir::kDimensionsPrefix.size());
  for (auto& child : filter.children) child = as_attribute_filter(std::move(child));
  return filter;
}

}  // namespace

SqlQuery lower_point_values(const ir::Query& query, const MetricsPlan& plan) {
  SqlQuery sql;
  const std::string groups = group_columns(plan.group_by, "dimensions", sql);
  const std::string where = metric_points_where(query, sql);
  const std::string from = sql.param(plan.from_ns);
  const std::string interval = sql.param(plan.interval_ns);
  sql.text = "SELECT metric, (time_unix_nano - " + from + ") / " + interval + " AS bucket, value" + groups +
             " FROM metric_points WHERE " + where + " AND kind <> 'histogram'";
  return sql;
}

SqlQuery lower_span_durations(const ir::Query& query, const MetricsPlan& plan) {
  SqlQuery sql;
  const std::string groups = group_columns(plan.group_by, "attributes", sql);
  ir::Query spans = query;
  spans.filter = as_attribute_filter(query.metrics.dimension_filter);
  const std::string where = lower_scope(spans, Table::spans, sql);
  const std::string from = sql.param(plan.from_ns);
  const std::string interval = sql.param(plan.interval_ns);
  sql.text = "SELECT (start_unix_nano - " + from + ") / " + interval + " AS bucket, duration_ns" + groups +
             " FROM spans WHERE " + where + " AND kind = 'server'";
  return sql;
}

}  // namespace tinkr::local
