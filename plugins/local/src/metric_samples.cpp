// metric_samples.cpp: the values percentiles are taken over (metric_series.hpp).
#include "metric_series.hpp"

#include <tinkr/sdk/error.hpp>

#include <map>

namespace tinkr::local {

namespace {

using GroupKey = std::vector<std::optional<std::string>>;

GroupKey read_groups(const Statement& stmt, int first, std::size_t count) {
  GroupKey key;
  for (int i = first; i < first + static_cast<int>(count); ++i)
    key.push_back(stmt.column_is_null(i) ? std::nullopt : std::optional<std::string>(stmt.column_text(i)));
  return key;
}

void add_sample(Series& s, int64_t bucket, double value) {
  if (bucket < 0 || static_cast<std::size_t>(bucket) >= s.samples.size()) return;
  s.samples[static_cast<std::size_t>(bucket)].push_back(value);
}

// Nanoseconds per unit of a duration histogram (OpenTelemetry's UCUM units).
double ns_per_unit(const Series& s) {
  if (s.unit == "ms") return 1e6;
  if (s.unit == "s") return 1e9;
  if (s.unit == "us") return 1e3;
  if (s.unit == "ns") return 1;
  throw sdk::Error(TINKR_UNSUPPORTED, "local backend: '" + s.metric + "' is in '" + s.unit +
                                          "', not a duration unit (ns, us, ms, s): its percentiles cannot "
                                          "come from span durations; ask for avg, min or max");
}

void read_point_values(Connection& connection, const ir::Query& query, const MetricsPlan& plan,
                       std::map<std::pair<std::string, GroupKey>, Series*>& by_key) {
  const SqlQuery sql = lower_point_values(query, plan);
  Statement stmt(connection, sql.text);
  bind_all(stmt, sql);
  while (stmt.step()) {
    auto it = by_key.find({std::string(stmt.column_text(0)), read_groups(stmt, 3, plan.group_by.size())});
    if (it != by_key.end()) add_sample(*it->second, stmt.column_int(1), stmt.column_double(2));
  }
}

void read_span_durations(Connection& connection, const ir::Query& query, const MetricsPlan& plan,
                         const std::vector<Series*>& histograms) {
  const SqlQuery sql = lower_span_durations(query, plan);
  Statement stmt(connection, sql.text);
  bind_all(stmt, sql);
  std::vector<double> scale;
  for (const Series* s : histograms) scale.push_back(ns_per_unit(*s));
  while (stmt.step()) {
    const GroupKey key = read_groups(stmt, 2, plan.group_by.size());
    for (std::size_t i = 0; i < histograms.size(); ++i)
      if (histograms[i]->groups == key)
        add_sample(*histograms[i], stmt.column_int(0), static_cast<double>(stmt.column_int(1)) / scale[i]);
  }
}

}  // namespace

double nearest_rank(const std::vector<double>& sorted, int32_t rank_thousandths) {
  const auto n = static_cast<int64_t>(sorted.size());
  const int64_t rank = (int64_t{rank_thousandths} * n + 99'999) / 100'000;  // ceil(rank% of n)
  return sorted[static_cast<std::size_t>(std::clamp<int64_t>(rank - 1, 0, n - 1))];
}

bool wants_percentiles(const ir::MetricsSpec& spec) {
  return std::any_of(spec.aggregations.begin(), spec.aggregations.end(),
                     [](const ir::Aggregation& a) { return a.is_percentile(); });
}

bool is_request_duration(std::string_view metric) {
  return metric == "http.server.duration" || metric == "http.server.request.duration" ||
         metric == "rpc.server.duration";
}

void read_samples(Connection& connection, const ir::Query& query, const MetricsPlan& plan,
                  std::vector<Series>& all) {
  std::map<std::pair<std::string, GroupKey>, Series*> points;
  std::vector<Series*> histograms;
  for (auto& s : all) {
    s.samples.assign(s.buckets.size(), {});
    if (s.kind != "histogram") {
      points[{s.metric, s.groups}] = &s;
    } else if (is_request_duration(s.metric)) {
      histograms.push_back(&s);
    } else {
      throw sdk::Error(
          TINKR_UNSUPPORTED,
          "local backend: '" + s.metric +
              "' is a histogram, and the store keeps only each point's count, sum, min and max, "
              "not the values: its percentiles cannot be computed; ask for avg, min or max, or for "
              "percentiles of http.server.duration (taken from the server spans' durations)");
    }
  }
  if (!points.empty()) read_point_values(connection, query, plan, points);
  if (!histograms.empty()) read_span_durations(connection, query, plan, histograms);
  for (auto& s : all)
    for (auto& bucket : s.samples) std::sort(bucket.begin(), bucket.end());
}

}  // namespace tinkr::local
