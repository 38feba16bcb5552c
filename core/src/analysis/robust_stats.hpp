// robust_stats.hpp: the statistics the incident report scores metrics with: median, MAD (median
// absolute deviation) and nearest-rank percentiles. Robust because one incident bucket among sixty
// moves neither the median nor the MAD, where it would move a mean and a standard deviation.
#pragma once

#include <optional>
#include <vector>

namespace tinkr::analysis {

/// The median (the mean of the middle two for an even count); nullopt for no values.
std::optional<double> median(std::vector<double> values);

/// The median of |x - median|; nullopt for no values.
std::optional<double> median_absolute_deviation(const std::vector<double>& values);

/// The smallest value that at least `percent`% of the values do not exceed (nearest rank, as the
/// local backend's pNN); `sorted` ascending, not empty.
double nearest_rank(const std::vector<double>& sorted, double percent);

/// MAD scaled to a normal distribution's standard deviation (1.4826 MAD).
inline constexpr double kMadToSigma = 1.4826;

}  // namespace tinkr::analysis
