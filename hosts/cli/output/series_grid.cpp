// One time grid for several metric series (see series_grid.hpp).
#include "output/series_grid.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tinkr::cli {
namespace {

int64_t grid_step(const std::vector<MetricSeries>& series) {
  int64_t step = 0;
  auto take = [&step](int64_t candidate) {
    if (candidate > 0 && (step == 0 || candidate < step)) step = candidate;
  };
  for (const auto& s : series) take(s.interval_ns);
  if (step > 0) return step;
  for (const auto& s : series) {
    std::vector<int64_t> times;
    for (const auto& p : s.points) times.push_back(p.time_ns);
    std::sort(times.begin(), times.end());
    for (std::size_t i = 1; i < times.size(); ++i) take(times[i] - times[i - 1]);
  }
  return step;
}

}  // namespace

SeriesGrid lay_on_grid(const std::vector<MetricSeries>& series, std::size_t max_slots) {
  SeriesGrid grid;
  int64_t first = std::numeric_limits<int64_t>::max(), last = std::numeric_limits<int64_t>::min();
  for (const auto& s : series)
    for (const auto& p : s.points) first = std::min(first, p.time_ns), last = std::max(last, p.time_ns);
  grid.values.resize(series.size());
  if (first > last) return grid;  // no points at all
  grid.start_ns = first;
  grid.step_ns = grid_step(series);
  const int64_t span = last - first;
  if (grid.step_ns > 0 && max_slots > 1 && span / grid.step_ns >= static_cast<int64_t>(max_slots))
    grid.step_ns = span / static_cast<int64_t>(max_slots - 1) + 1;
  grid.slots = grid.step_ns > 0 ? static_cast<std::size_t>(span / grid.step_ns) + 1 : 1;
  if (grid.step_ns > 0 && span % grid.step_ns > grid.step_ns / 2) ++grid.slots;  // the last point rounds up

  for (std::size_t k = 0; k < series.size(); ++k) {
    std::vector<double> sums(grid.slots, 0);
    std::vector<int> counts(grid.slots, 0);
    for (const auto& p : series[k].points) {
      if (!p.has_value || !std::isfinite(p.value)) continue;
      const int64_t offset = p.time_ns - first;
      const std::size_t slot =
          grid.step_ns > 0 ? static_cast<std::size_t>((offset + grid.step_ns / 2) / grid.step_ns) : 0;
      sums[std::min(slot, grid.slots - 1)] += p.value;
      ++counts[std::min(slot, grid.slots - 1)];
    }
    auto& values = grid.values[k];
    values.resize(grid.slots);
    for (std::size_t i = 0; i < grid.slots; ++i)
      if (counts[i] > 0) values[i] = sums[i] / counts[i];
  }
  return grid;
}

}  // namespace tinkr::cli
