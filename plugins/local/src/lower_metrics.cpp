// lower_metrics.cpp: metric points aggregated into time buckets as SQL.
#include "lower.hpp"

#include "lower_filter.hpp"

#include <tinkr/sdk/error.hpp>

namespace tinkr::local {

namespace {

constexpr int64_t kMinute = 60'000'000'000;
// A chart never needs more; a larger grid is almost always a mistyped interval.
constexpr int64_t kMaxBuckets = 10'000;

}  // namespace

std::string group_columns(const std::vector<std::string>& group_by, std::string_view json_column,
                          SqlQuery& sql) {
  std::string groups;
  for (std::size_t i = 0; i < group_by.size(); ++i) {
    if (group_by[i].find('"') != std::string::npos)
      throw sdk::Error(TINKR_INVALID_QUERY,
                       "local backend: cannot group by a dimension whose name holds '\"'");
    std::string name = std::to_string(i);
    name.insert(0, 1, 'g');  // not "g" + ...: GCC 12 at -O3 warns falsely (-Wrestrict) on that form
    groups += ", CAST(json_extract(" + std::string(json_column) + ", " +
              sql.param("$.\"" + group_by[i] + "\"") + ") AS TEXT) AS " + name;
  }
  return groups;
}

std::string metric_points_where(const ir::Query& query, SqlQuery& sql) {
  const auto& spec = query.metrics;
  std::string where = lower_scope(query, Table::metric_points, sql);
  if (!spec.names.empty()) {
    where += " AND metric IN (";
    for (std::size_t i = 0; i < spec.names.size(); ++i) where += (i ? ", " : "") + sql.param(spec.names[i]);
    where += ")";
  }
  if (!spec.dimension_filter.is_all())
    where += " AND " + lower_filter(spec.dimension_filter, Table::metric_points, sql);
  return where;
}

int64_t default_interval_ns(int64_t range_ns) {
  for (int64_t step : {kMinute, 5 * kMinute, 15 * kMinute, 60 * kMinute, 360 * kMinute})
    if (range_ns <= step * 60) return step;
  return 1440 * kMinute;
}

MetricsPlan lower_metrics(const ir::Query& query) {
  const auto& spec = query.metrics;
  if (query.time.from_ns <= 0 || query.time.to_ns <= query.time.from_ns)
    throw sdk::Error(TINKR_INVALID_QUERY, "local backend: metrics need a time range with from < to");
  if (spec.interval_ns < 0)
    throw sdk::Error(TINKR_INVALID_QUERY, "local backend: metrics interval must be positive");
  MetricsPlan plan;
  plan.from_ns = query.time.from_ns;
  const int64_t range = query.time.to_ns - query.time.from_ns;
  plan.interval_ns = spec.interval_ns > 0 ? spec.interval_ns : default_interval_ns(range);
  plan.bucket_count = (range + plan.interval_ns - 1) / plan.interval_ns;
  if (plan.bucket_count > kMaxBuckets)
    throw sdk::Error(TINKR_INVALID_QUERY, "local backend: interval gives " +
                                              std::to_string(plan.bucket_count) +
                                              " points per series; at most " + std::to_string(kMaxBuckets));
  plan.group_by = spec.group_by;

  SqlQuery& sql = plan.sql;
  const std::string groups = group_columns(spec.group_by, "dimensions", sql);
  std::string group_names;
  for (std::size_t i = 0; i < spec.group_by.size(); ++i) group_names += ", g" + std::to_string(i);
  const std::string where = metric_points_where(query, sql);
  const std::string from = sql.param(plan.from_ns);
  const std::string interval = sql.param(plan.interval_ns);
  sql.text = "SELECT metric, max(unit), max(kind), (time_unix_nano - " + from + ") / " + interval +
             " AS bucket, sum(sum), sum(count), min(min), max(max)" + groups + " FROM metric_points WHERE " +
             where + " GROUP BY metric" + group_names + ", bucket ORDER BY metric" + group_names + ", bucket";
  return plan;
}

}  // namespace tinkr::local
