// Block-character sparklines (see sparkline.hpp).
#include "output/sparkline.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace tinkr::cli {

std::string sparkline(const std::vector<std::optional<double>>& values) {
  static constexpr std::array<const char*, 8> kBlocks = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
  std::optional<double> low, high;
  for (const auto& v : values) {
    if (!v || !std::isfinite(*v)) continue;
    low = low ? std::min(*low, *v) : *v;
    high = high ? std::max(*high, *v) : *v;
  }
  if (!low) return {};
  std::string out;
  for (const auto& v : values) {
    if (!v || !std::isfinite(*v)) {
      out += ' ';
      continue;
    }
    const double share = *high > *low ? (*v - *low) / (*high - *low) : 0;
    out += kBlocks[std::min<std::size_t>(7, static_cast<std::size_t>(share * 8))];
  }
  return out;
}

std::vector<std::optional<double>> squeeze(const std::vector<std::optional<double>>& values,
                                           std::size_t width) {
  if (width == 0 || values.size() <= width) return values;
  std::vector<std::optional<double>> cells(width);
  for (std::size_t cell = 0; cell < width; ++cell) {
    // Cell k covers values [k*n/width, (k+1)*n/width): every value lands in exactly one cell.
    const std::size_t begin = cell * values.size() / width, end = (cell + 1) * values.size() / width;
    double sum = 0;
    std::size_t count = 0;
    for (std::size_t i = begin; i < end; ++i)
      if (values[i] && std::isfinite(*values[i])) sum += *values[i], ++count;
    if (count > 0) cells[cell] = sum / static_cast<double>(count);
  }
  return cells;
}

}  // namespace tinkr::cli
