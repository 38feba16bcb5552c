// Metric buckets (see metric_buckets.hpp).
#include "planner/metric_buckets.hpp"

#include <algorithm>
#include <array>

namespace tinkr::planner {
namespace {

constexpr int64_t kMinute = 60'000'000'000;
// The grains every backend can serve (Azure Monitor's list; the local store takes any).
constexpr std::array<int64_t, 8> kLadder = {kMinute,      5 * kMinute,   15 * kMinute,  30 * kMinute,
                                            60 * kMinute, 360 * kMinute, 720 * kMinute, 1440 * kMinute};

std::string duration_text(int64_t ns) {
  if (ns % (1440 * kMinute) == 0) return std::to_string(ns / (1440 * kMinute)) + "d";
  if (ns % (60 * kMinute) == 0) return std::to_string(ns / (60 * kMinute)) + "h";
  if (ns % kMinute == 0) return std::to_string(ns / kMinute) + "m";
  if (ns % 1'000'000'000 == 0) return std::to_string(ns / 1'000'000'000) + "s";
  return std::to_string(ns / 1'000'000) + "ms";
}

// The finest step of the ladder, not finer than `at_least`, that keeps range within `buckets`.
int64_t ladder_step(int64_t range, int64_t at_least, int64_t buckets) {
  for (int64_t step : kLadder)
    if (step >= at_least && (range + step - 1) / step <= buckets) return step;
  return kLadder.back();
}

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

}  // namespace

Expected<void> settle_metric_buckets(ir::Query& query, std::vector<std::string>& notes) {
  auto& spec = query.metrics;
  for (auto& name : spec.names) {
    name = trimmed(name);
    if (name.empty()) return fail(Error::Code::invalid_query, "a metric name is empty (check the commas)");
  }
  const int64_t range = query.time.to_ns - query.time.from_ns;
  if (range <= 0 || spec.interval_ns < 0) return {};  // validation names the problem
  if (spec.interval_ns == 0) {
    spec.interval_ns = ladder_step(range, 0, kDefaultBuckets);
  } else if ((range + spec.interval_ns - 1) / spec.interval_ns > kMaxBuckets) {
    const int64_t coarser = ladder_step(range, spec.interval_ns, kMaxBuckets);
    notes.push_back("interval " + duration_text(spec.interval_ns) + " over this window gives " +
                    std::to_string((range + spec.interval_ns - 1) / spec.interval_ns) +
                    " points per series; using " + duration_text(coarser) + " (at most " +
                    std::to_string(kMaxBuckets) + ")");
    spec.interval_ns = coarser;
  }
  // Whole multiples of the interval since the epoch (UTC): the same grid for every run.
  query.time.from_ns -= query.time.from_ns % spec.interval_ns;
  return {};
}

}  // namespace tinkr::planner
