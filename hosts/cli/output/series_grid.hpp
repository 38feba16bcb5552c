// Metric series laid on one shared time grid, for the pictures (sparklines, braille charts): a slot
// per interval from the earliest point of any series to the latest, so that the series line up and a
// point a series does not have (absent, or present without a value) is a gap, not a zero.
#pragma once

#include <tinkr/records.hpp>

#include <cstdint>
#include <optional>
#include <vector>

namespace tinkr::cli {

struct SeriesGrid {
  int64_t start_ns = 0;  // the time of slot 0
  int64_t step_ns = 0;   // the time between slots (0 when every point is at one instant)
  std::size_t slots = 0;
  std::vector<std::vector<std::optional<double>>> values;  // per series, `slots` values each
};

/// The step is the series' interval (the smallest, when they differ) or, when no series says, the
/// smallest time between two of its points. A point off the grid goes to the nearest slot; two
/// points in one slot are averaged. The grid never has more than `max_slots` slots: a longer one is
/// coarsened (a wider step) instead.
SeriesGrid lay_on_grid(const std::vector<MetricSeries>& series, std::size_t max_slots = 4096);

}  // namespace tinkr::cli
