// run_metrics.cpp: aggregated metric rows to MetricSeries, one per metric, group and aggregation,
// each on the full grid of buckets over the range (a bucket without points has no value).
#include "lower.hpp"
#include "metric_series.hpp"
#include "run.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tinkr::local {

namespace {

const std::vector<double> kNoSamples;

// The value of one bucket (or of the whole range, for `top`).
double value_of(const Bucket& b, const std::vector<double>& samples, ir::Aggregation a) {
  switch (a.kind) {
    case ir::Aggregation::avg:
      return b.count > 0 ? b.sum / b.count : 0;
    case ir::Aggregation::min:
      return b.min;
    case ir::Aggregation::max:
      return b.max;
    case ir::Aggregation::sum:
      return b.sum;
    case ir::Aggregation::count:
      return b.count;
    case ir::Aggregation::percentile:
      return samples.empty() ? 0 : nearest_rank(samples, a.rank_thousandths);
  }
  return 0;
}

// Whether a bucket has a value for the aggregation: a percentile needs values to rank.
bool has_value(const Bucket& b, const std::vector<double>& samples, ir::Aggregation a) {
  return a.is_percentile() ? !samples.empty() : b.has_value;
}

std::vector<double> all_samples(const Series& s) {
  std::vector<double> out;
  for (const auto& bucket : s.samples) out.insert(out.end(), bucket.begin(), bucket.end());
  std::sort(out.begin(), out.end());
  return out;
}

std::string dimensions_json(const std::vector<std::string>& names, const Series& s) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (!s.groups[i]) continue;
    w.Key(names[i].c_str(), static_cast<rapidjson::SizeType>(names[i].size()));
    w.String(s.groups[i]->c_str(), static_cast<rapidjson::SizeType>(s.groups[i]->size()));
  }
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

// Monotonic sums (counters) add up over a bucket; everything else is averaged.
ir::Aggregation default_aggregation(const Series& s) {
  return s.kind == "sum" ? ir::Aggregation::sum : ir::Aggregation::avg;
}

std::vector<Series> read_series(Connection& connection, const MetricsPlan& plan) {
  Statement stmt(connection, plan.sql.text);
  bind_all(stmt, plan.sql);
  std::vector<Series> all;
  const int groups = static_cast<int>(plan.group_by.size());
  while (stmt.step()) {
    std::vector<std::optional<std::string>> key;
    for (int i = 0; i < groups; ++i)
      key.push_back(stmt.column_is_null(8 + i) ? std::nullopt
                                               : std::optional<std::string>(stmt.column_text(8 + i)));
    if (all.empty() || all.back().metric != stmt.column_text(0) || all.back().groups != key) {
      Series s;
      s.metric = stmt.column_text(0);
      s.unit = stmt.column_text(1);
      s.kind = stmt.column_text(2);
      s.groups = std::move(key);
      s.buckets.resize(static_cast<std::size_t>(plan.bucket_count));
      all.push_back(std::move(s));
    }
    const int64_t index = stmt.column_int(3);
    if (index < 0 || index >= plan.bucket_count) continue;
    Bucket b{stmt.column_double(4), stmt.column_double(5), stmt.column_double(6), stmt.column_double(7),
             true};
    all.back().buckets[static_cast<std::size_t>(index)] = b;
    all.back().total.merge(b);
  }
  return all;
}

// Keeps the `top` series of each metric whose value over the whole range is highest.
void keep_top(std::vector<Series>& all, int64_t top, const std::vector<ir::Aggregation>& aggregations) {
  if (top <= 0) return;
  // Each series' score once, before sorting: a percentile's means ranking all the series' values.
  std::vector<std::pair<double, Series*>> scored;
  for (auto& s : all) {
    const auto agg = aggregations.empty() ? default_aggregation(s) : aggregations.front();
    scored.emplace_back(value_of(s.total, agg.is_percentile() ? all_samples(s) : kNoSamples, agg), &s);
  }
  std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) {
    if (a.second->metric != b.second->metric) return a.second->metric < b.second->metric;
    return a.first > b.first;
  });
  std::vector<Series> kept;
  int64_t rank = 0;
  std::string previous;
  for (std::size_t i = 0; i < scored.size(); ++i) {
    Series& s = *scored[i].second;
    rank = (i > 0 && s.metric == previous) ? rank + 1 : 0;
    previous = s.metric;
    if (rank < top) kept.push_back(std::move(s));
  }
  all = std::move(kept);
}

}  // namespace

void run_metrics(Connection& connection, const ir::Query& query, sdk::Sink& sink) {
  MetricsPlan plan = lower_metrics(query);
  std::vector<Series> all = read_series(connection, plan);
  if (wants_percentiles(query.metrics)) read_samples(connection, query, plan, all);
  keep_top(all, query.metrics.top, query.metrics.aggregations);
  std::vector<sdk::MetricPoint> points(static_cast<std::size_t>(plan.bucket_count));
  for (const auto& s : all) {
    const std::string dimensions = dimensions_json(plan.group_by, s);
    auto aggregations = query.metrics.aggregations;
    if (aggregations.empty()) aggregations.push_back(default_aggregation(s));
    for (auto aggregation : aggregations) {
      for (std::size_t i = 0; i < points.size(); ++i) {
        const Bucket& b = s.buckets[i];
        const auto& samples = s.samples.empty() ? kNoSamples : s.samples[i];
        const bool present = has_value(b, samples, aggregation);
        points[i] = {plan.from_ns + static_cast<int64_t>(i) * plan.interval_ns,
                     present ? value_of(b, samples, aggregation) : 0.0, present ? 1 : 0, 0};
      }
      sdk::MetricSeries out;
      out.metric = s.metric;
      const std::string aggregation_name = ir::to_string(aggregation);
      out.aggregation = aggregation_name;
      out.unit = s.unit;
      out.service = query.service;
      out.dimensions_json = dimensions;
      out.interval_ns = plan.interval_ns;
      out.points = points;
      if (!sink.emit(out)) return;
    }
  }
}

}  // namespace tinkr::local
