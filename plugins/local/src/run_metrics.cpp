// run_metrics.cpp: aggregated metric rows to MetricSeries, one per metric, group and aggregation,
// each on the full grid of buckets over the range (a bucket without points has no value).
#include "lower.hpp"
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

struct Bucket {
  double sum = 0, count = 0;
  double min = std::numeric_limits<double>::infinity();
  double max = -std::numeric_limits<double>::infinity();
  bool has_value = false;

  void merge(const Bucket& b) {
    sum += b.sum;
    count += b.count;
    min = std::min(min, b.min);
    max = std::max(max, b.max);
    has_value = has_value || b.has_value;
  }
  double value(ir::Aggregation a) const {
    switch (a) {
      case ir::Aggregation::avg:
        return count > 0 ? sum / count : 0;
      case ir::Aggregation::min:
        return min;
      case ir::Aggregation::max:
        return max;
      case ir::Aggregation::sum:
        return sum;
      case ir::Aggregation::count:
        return count;
    }
    return 0;
  }
};

struct Series {
  std::string metric, unit, kind;
  std::vector<std::optional<std::string>> groups;  // nullopt: the dimension is absent
  std::vector<Bucket> buckets;
  Bucket total;
};

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
  std::stable_sort(all.begin(), all.end(), [&](const Series& a, const Series& b) {
    if (a.metric != b.metric) return a.metric < b.metric;
    auto agg = aggregations.empty() ? default_aggregation(a) : aggregations.front();
    return a.total.value(agg) > b.total.value(agg);
  });
  std::vector<Series> kept;
  int64_t rank = 0;
  std::string previous;
  for (std::size_t i = 0; i < all.size(); ++i) {
    rank = (i > 0 && all[i].metric == previous) ? rank + 1 : 0;
    previous = all[i].metric;
    if (rank < top) kept.push_back(std::move(all[i]));
  }
  all = std::move(kept);
}

}  // namespace

void run_metrics(Connection& connection, const ir::Query& query, sdk::Sink& sink) {
  MetricsPlan plan = lower_metrics(query);
  std::vector<Series> all = read_series(connection, plan);
  keep_top(all, query.metrics.top, query.metrics.aggregations);
  std::vector<sdk::MetricPoint> points(static_cast<std::size_t>(plan.bucket_count));
  for (const auto& s : all) {
    const std::string dimensions = dimensions_json(plan.group_by, s);
    auto aggregations = query.metrics.aggregations;
    if (aggregations.empty()) aggregations.push_back(default_aggregation(s));
    for (auto aggregation : aggregations) {
      for (std::size_t i = 0; i < points.size(); ++i) {
        const Bucket& b = s.buckets[i];
        points[i] = {plan.from_ns + static_cast<int64_t>(i) * plan.interval_ns,
                     b.has_value ? b.value(aggregation) : 0.0, b.has_value ? 1 : 0, 0};
      }
      sdk::MetricSeries out;
      out.metric = s.metric;
      out.aggregation = ir::to_string(aggregation);
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
