// The report's metric shifts. The service's requests are cut into buckets; each metric's value per
// bucket is scored as a robust z (x - median) / (1.4826 MAD) against a reference: the baseline's
// buckets, or the window's own when the baseline is (nearly) empty, which works because an incident
// is usually shorter than half the window. The MAD has a floor per metric (and 5% of the median) so
// that a flat baseline (no errors at all) does not make every wobble infinite.
#include "incident_sections.hpp"

#include "robust_stats.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace tinkr::incident::detail {
namespace {

constexpr int64_t kSecond = 1'000'000'000;
constexpr std::size_t kMinReferenceBuckets = 6;
constexpr int64_t kMaxBuckets = 60;

struct Bucket {
  int64_t requests = 0;
  int64_t errors = 0;
  double seconds = 0;
  std::vector<double> durations_ms;  // sorted once filled
};

std::vector<Bucket> bucketize(const std::vector<TraceSummary>& requests, const ir::TimeRange& range,
                              int64_t bucket_ns) {
  const int64_t length = range.to_ns - range.from_ns;
  std::vector<Bucket> buckets(
      static_cast<std::size_t>(length <= 0 ? 0 : (length + bucket_ns - 1) / bucket_ns));
  for (std::size_t i = 0; i < buckets.size(); ++i) {
    const int64_t start = range.from_ns + static_cast<int64_t>(i) * bucket_ns;
    buckets[i].seconds = static_cast<double>(std::min(start + bucket_ns, range.to_ns) - start) / kSecond;
  }
  for (const auto& r : requests) {
    if (r.start_ns < range.from_ns || r.start_ns >= range.to_ns) continue;
    Bucket& b = buckets[static_cast<std::size_t>((r.start_ns - range.from_ns) / bucket_ns)];
    ++b.requests;
    if (r.status == SpanStatus::error) ++b.errors;
    b.durations_ms.push_back(static_cast<double>(r.duration_ns) / 1e6);
  }
  for (auto& b : buckets) std::sort(b.durations_ms.begin(), b.durations_ms.end());
  return buckets;
}

Bucket whole(const std::vector<Bucket>& buckets) {
  Bucket all;
  for (const auto& b : buckets) {
    all.requests += b.requests;
    all.errors += b.errors;
    all.seconds += b.seconds;
    all.durations_ms.insert(all.durations_ms.end(), b.durations_ms.begin(), b.durations_ms.end());
  }
  std::sort(all.durations_ms.begin(), all.durations_ms.end());
  return all;
}

struct Metric {
  const char* name;
  const char* unit;
  double percentile;  // latency metrics only
  double mad_floor;   // in the metric's unit; request_rate's is one request per bucket
};

constexpr std::array<Metric, 5> kMetrics = {{{"request_rate", "/s", 0, 0},
                                             {"error_rate", "ratio", 0, 0.01},
                                             {"latency_p50", "ms", 50, 1},
                                             {"latency_p95", "ms", 95, 1},
                                             {"latency_p99", "ms", 99, 1}}};

std::optional<double> value_of(const Metric& m, const Bucket& b) {
  const std::string_view name = m.name;
  if (name == "request_rate")
    return b.seconds > 0 ? std::optional(static_cast<double>(b.requests) / b.seconds) : std::nullopt;
  if (b.requests == 0) return std::nullopt;
  if (name == "error_rate") return static_cast<double>(b.errors) / static_cast<double>(b.requests);
  return analysis::nearest_rank(b.durations_ms, m.percentile);
}

std::vector<double> present(const std::vector<std::optional<double>>& values) {
  std::vector<double> out;
  for (const auto& v : values)
    if (v) out.push_back(*v);
  return out;
}

// From the peak, back in time while the buckets stay shifted the same way (empty buckets in between
// are skipped): where the shift began. A bucket belongs to the shift when its score is past the
// threshold and at least a tenth of the peak's: next to a peak of 500 a bucket scoring 5 is the
// noise of a small bucket's percentile, not the incident beginning early.
std::size_t shift_start(const std::vector<std::optional<double>>& scores, std::size_t peak) {
  const double peak_score = *scores[peak];
  const double bar = std::max(kShiftThreshold, std::fabs(peak_score) / 10);
  std::size_t start = peak;
  for (std::size_t i = peak; i-- > 0;) {
    if (!scores[i]) continue;
    if ((peak_score > 0 ? *scores[i] : -*scores[i]) < bar) break;
    start = i;
  }
  return start;
}

}  // namespace

int64_t bucket_size(int64_t window_ns) {
  constexpr std::array<int64_t, 11> kSizes = {10, 30, 60, 300, 900, 1800, 3600, 10800, 21600, 43200, 86400};
  for (int64_t seconds : kSizes)
    if (window_ns <= kMaxBuckets * seconds * kSecond) return seconds * kSecond;
  const int64_t sixtieth = (window_ns + kMaxBuckets - 1) / kMaxBuckets;
  return (sixtieth + kSecond - 1) / kSecond * kSecond;
}

std::vector<MetricShift> metric_shifts(const std::vector<TraceSummary>& requests, const ir::TimeRange& window,
                                       const ir::TimeRange& baseline, int64_t bucket_ns,
                                       bool& baseline_has_data) {
  const auto window_buckets = bucketize(requests, window, bucket_ns);
  const auto baseline_buckets = bucketize(requests, baseline, bucket_ns);
  std::size_t busy_baseline = 0;
  for (const auto& b : baseline_buckets) busy_baseline += b.requests > 0 ? 1 : 0;
  const bool use_baseline = busy_baseline >= kMinReferenceBuckets;
  baseline_has_data = use_baseline;
  const Bucket window_all = whole(window_buckets), baseline_all = whole(baseline_buckets);

  std::vector<MetricShift> out;
  for (const Metric& m : kMetrics) {
    MetricShift shift;
    shift.metric = m.name;
    shift.unit = m.unit;
    shift.window_value = value_of(m, window_all);
    if (use_baseline) shift.baseline_value = value_of(m, baseline_all);
    for (const auto& b : window_buckets) shift.points.push_back(value_of(m, b));
    std::vector<std::optional<double>> reference_points;
    if (use_baseline)
      for (const auto& b : baseline_buckets)
        if (b.requests > 0) reference_points.push_back(value_of(m, b));
    shift.reference_is_baseline = use_baseline;
    const auto reference = present(use_baseline ? reference_points : shift.points);
    const auto center = analysis::median(reference);
    if (!center) {
      out.push_back(std::move(shift));
      continue;
    }
    shift.reference_median = *center;
    shift.reference_mad = *analysis::median_absolute_deviation(reference);
    const double floor = m.mad_floor > 0 ? m.mad_floor : 1.0 / (static_cast<double>(bucket_ns) / kSecond);
    const double scale =
        std::max({analysis::kMadToSigma * shift.reference_mad, floor, 0.05 * std::fabs(*center)});
    std::vector<std::optional<double>> scores;
    std::optional<std::size_t> peak;
    for (const auto& v : shift.points) {
      scores.push_back(v ? std::optional((*v - *center) / scale) : std::nullopt);
      // The newest bucket may still be arriving (ingestion lag: minutes on Log Analytics), so fewer
      // requests there is no drop in traffic.
      const bool still_arriving = std::string_view(m.name) == "request_rate" &&
                                  scores.size() == shift.points.size() && scores.back() && *scores.back() < 0;
      if (still_arriving) scores.back() = std::nullopt;
      if (scores.back() && (!peak || std::fabs(*scores.back()) > std::fabs(*scores[*peak])))
        peak = scores.size() - 1;
    }
    if (peak) {
      shift.score = *scores[*peak];
      shift.peak_ns = window.from_ns + static_cast<int64_t>(*peak) * bucket_ns;
      shift.shifted = std::fabs(shift.score) >= kShiftThreshold;
      if (shift.shifted)
        shift.shift_start_ns = window.from_ns + static_cast<int64_t>(shift_start(scores, *peak)) * bucket_ns;
    }
    out.push_back(std::move(shift));
  }
  return out;
}

}  // namespace tinkr::incident::detail
