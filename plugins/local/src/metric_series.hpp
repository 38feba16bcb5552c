// metric_series.hpp: one metric series being assembled from the store's rows, with what each
// aggregation needs per time bucket: count, sum, min and max for avg/min/max/sum/count, and the values
// themselves (samples) when the query asks a percentile.
#pragma once

#include "lower.hpp"
#include "sqlite.hpp"

#include <tinkr/sdk/ir.hpp>

#include <algorithm>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace tinkr::local {

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
};

struct Series {
  std::string metric, unit, kind;
  std::vector<std::optional<std::string>> groups;  // nullopt: the dimension is absent
  std::vector<Bucket> buckets;
  Bucket total;
  std::vector<std::vector<double>> samples;  // per bucket, sorted; filled only for percentiles
};

/// Nearest rank: the smallest of the sorted values that at least rank% of them do not exceed
/// (p50 of 1, 2, 3, 4 is 2; p95 of 1..20 is 19). Computed in thousandths of a percent, so that no
/// rounding of the rank moves it. The values must not be empty.
double nearest_rank(const std::vector<double>& sorted, int32_t rank_thousandths);

/// Whether the query asks a percentile.
bool wants_percentiles(const ir::MetricsSpec& spec);

/// A metric name meaning the latency of the service's requests (OpenTelemetry's http.server.duration,
/// http.server.request.duration, rpc.server.duration): a histogram whose percentiles the server spans'
/// durations give.
bool is_request_duration(std::string_view metric);

/// Fills each series' samples for a query asking a percentile: a gauge's or sum's point values, or,
/// for a request-duration histogram, its service's server span durations in the histogram's unit.
/// Throws sdk::Error(TINKR_UNSUPPORTED) for another histogram, whose values the store does not keep.
void read_samples(Connection& connection, const ir::Query& query, const MetricsPlan& plan,
                  std::vector<Series>& all);

}  // namespace tinkr::local
