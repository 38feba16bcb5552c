// Small pictures of a series of numbers for a line of text: one block character per value, scaled
// between the series' least and most. Used by the incident report's metric shifts and by the metrics
// table on a wide terminal (docs/cli.md "Charts"). A missing value is a blank, never a zero.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace tinkr::cli {

/// One block character per value, from ▁ (the series' least) to █ (its most); a space where there is
/// no value (or a value that is not finite). Empty for no values at all.
std::string sparkline(const std::vector<std::optional<double>>& values);

/// The values squeezed into at most `width` cells, each the mean of the values it covers; a cell that
/// covers only missing values stays missing (a gap stays a gap). Shorter input is returned unchanged.
std::vector<std::optional<double>> squeeze(const std::vector<std::optional<double>>& values,
                                           std::size_t width);

}  // namespace tinkr::cli
