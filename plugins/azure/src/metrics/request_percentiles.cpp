// Request-latency percentiles from AppRequests; see request_percentiles.hpp.
#include "metrics/request_percentiles.hpp"

#include "decode/log_records.hpp"
#include "kql/filter.hpp"
#include "kql/literal.hpp"
#include "lower/log_analytics_plan.hpp"
#include "metrics/catalog.hpp"
#include "metrics/lower_metrics.hpp"
#include "traces/span_fields.hpp"

#include <tinkr/sdk/error.hpp>

#include <algorithm>
#include <cmath>

namespace tinkr::azure::metrics {

namespace {

int64_t interval_of(const ir::Query& query) {
  return query.metrics.interval_ns > 0 ? query.metrics.interval_ns
                                       : choose_interval(query.time.to_ns - query.time.from_ns);
}

// The aggregations a query asks, in order and each once.
std::vector<ir::Aggregation> distinct(const std::vector<ir::Aggregation>& all) {
  std::vector<ir::Aggregation> out;
  for (const auto& a : all)
    if (std::find(out.begin(), out.end(), a) == out.end()) out.push_back(a);
  return out;
}

// The rank as Kusto reads it: "95", "99.9".
std::string rank_text(ir::Aggregation a) {
  return ir::to_string(a).substr(1);
}

}  // namespace

bool answered_from_requests(const ir::MetricsSpec& spec) {
  const bool percentile = std::any_of(spec.aggregations.begin(), spec.aggregations.end(),
                                      [](const ir::Aggregation& a) { return a.is_percentile(); });
  return percentile && !spec.names.empty() &&
         std::all_of(spec.names.begin(), spec.names.end(), is_request_duration);
}

std::string request_column(ir::Aggregation a) {
  if (a.is_percentile()) {
    std::string rank = rank_text(a);
    std::replace(rank.begin(), rank.end(), '.', '_');
    return "percentile_DurationMs_" + rank;
  }
  if (a.kind == ir::Aggregation::count) return "count_";
  return ir::to_string(a) + "_DurationMs";
}

std::string lower_request_percentiles_kql(const ir::Query& query) {
  const ir::MetricsSpec& spec = query.metrics;
  if (query.service.empty())
    throw sdk::Error(TINKR_INVALID_QUERY, "request latency percentiles need a service (AppRoleName)");
  if (query.time.from_ns <= 0 || query.time.from_ns >= query.time.to_ns)
    throw sdk::Error(TINKR_INVALID_QUERY, "metrics query needs a time range whose start is before its end");
  if (!spec.group_by.empty() || !spec.dimension_filter.is_all() || spec.top > 0)
    throw sdk::Error(
        TINKR_UNSUPPORTED,
        "percentiles of the requests' latency come from AppRequests, which has no metric dimensions: "
        "drop the group-by, dimension filter and top, or ask avg/min/max of Azure Monitor Metrics");
  std::string kql = "AppRequests";
  append_time_clause(kql, "TimeGenerated", query.time);
  kql += " | where ";
  const traces::SpanFieldMap fields("AppRequests");
  kql::append_condition(kql, ir::Filter::make_predicate("service", ir::Op::eq, {query.service}), fields,
                        true);
  kql += " | summarize ";
  const auto aggregations = distinct(spec.aggregations);
  std::string ranks;
  for (const auto& a : aggregations)
    if (a.is_percentile()) ranks += ", " + rank_text(a);
  kql += "percentiles(DurationMs" + ranks + ")";
  for (const auto& a : aggregations) {
    if (a.is_percentile()) continue;
    kql += ", ";
    kql += a.kind == ir::Aggregation::count ? std::string("count()") : ir::to_string(a) + "(DurationMs)";
  }
  kql += " by bin_at(TimeGenerated, ";
  kql::append_milliseconds(kql, interval_of(query), "interval");
  kql += "ms, ";
  kql::append_datetime(kql, query.time.from_ns);
  kql += ")";
  return kql;
}

RequestPlan lower_request_percentiles(const ir::Query& query, const QueryContext& context) {
  return make_log_analytics_plan(lower_request_percentiles_kql(query), query.time, context);
}

RequestPercentileConsumer::RequestPercentileConsumer(const ir::Query& query)
    : query_(query),
      aggregations_(distinct(query.metrics.aggregations)),
      from_ns_(query.time.from_ns),
      interval_ns_(interval_of(query)) {
  bucket_count_ = static_cast<std::size_t>((query.time.to_ns - from_ns_ + interval_ns_ - 1) / interval_ns_);
  values_.assign(aggregations_.size(), std::vector<std::optional<double>>(bucket_count_));
}

bool RequestPercentileConsumer::begin_table(std::size_t index, std::string_view,
                                            std::span<const decode::ColumnInfo> columns) {
  first_table_ = index == 0;
  if (!first_table_) return true;
  time_ = decode::column_index(columns, "TimeGenerated");
  columns_.clear();
  for (const auto& a : aggregations_) columns_.push_back(decode::column_index(columns, request_column(a)));
  for (std::size_t i = 0; i < aggregations_.size(); ++i)
    if (time_ < 0 || columns_[i] < 0)
      throw sdk::Error(TINKR_UPSTREAM_UNAVAILABLE,
                       "log analytics answered the request latency query without column '" +
                           (time_ < 0 ? std::string("TimeGenerated") : request_column(aggregations_[i])) +
                           "'");
  return true;
}

bool RequestPercentileConsumer::row(std::span<const decode::Cell> cells) {
  if (!first_table_) return true;
  int64_t time = 0;
  if (!decode::read_datetime(cells[static_cast<std::size_t>(time_)], time) || time < from_ns_) return true;
  const auto bucket = static_cast<std::size_t>((time - from_ns_) / interval_ns_);
  if (bucket >= bucket_count_) return true;  // `between` takes the range's end too
  for (std::size_t i = 0; i < aggregations_.size(); ++i) {
    double value = 0;
    if (decode::read_double(cells[static_cast<std::size_t>(columns_[i])], value) && std::isfinite(value))
      values_[i][bucket] = value;
  }
  return true;
}

bool RequestPercentileConsumer::emit(sdk::Sink& sink) const {
  std::vector<sdk::MetricPoint> points(bucket_count_);
  for (const auto& name : query_.metrics.names) {
    for (std::size_t i = 0; i < aggregations_.size(); ++i) {
      for (std::size_t b = 0; b < bucket_count_; ++b) {
        const auto& value = values_[i][b];
        points[b] = {from_ns_ + static_cast<int64_t>(b) * interval_ns_, value.value_or(0.0), value ? 1 : 0,
                     0};
      }
      const std::string aggregation = ir::to_string(aggregations_[i]);
      sdk::MetricSeries s;
      s.metric = name;
      s.native_metric = "AppRequests.DurationMs";
      s.aggregation = aggregation;
      s.unit = aggregations_[i].kind == ir::Aggregation::count ? "Count" : "Milliseconds";
      s.service = query_.service;
      s.dimensions_json = "{}";
      s.interval_ns = interval_ns_;
      s.points = points;
      if (!sink.emit(s)) return false;
    }
  }
  return true;
}

}  // namespace tinkr::azure::metrics
