// Braille line charts (see braille_chart.hpp).
#include "output/braille_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace tinkr::cli {
namespace {

// The dot bit for column (0 left, 1 right) and row (0 top .. 3 bottom) of one braille cell: Unicode
// numbers the dots 1-2-3 down the left, 4-5-6 down the right, then 7 and 8 under them.
constexpr unsigned kDotBits[4][2] = {{0x01, 0x08}, {0x02, 0x10}, {0x04, 0x20}, {0x40, 0x80}};

class BrailleCanvas {
 public:
  BrailleCanvas(std::size_t width, std::size_t height)
      : width_(width), height_(height), cells_(width * height) {}
  std::size_t dots_across() const { return width_ * 2; }
  std::size_t dots_down() const { return height_ * 4; }

  void dot(long x, long y) {
    if (x < 0 || y < 0 || x >= static_cast<long>(dots_across()) || y >= static_cast<long>(dots_down()))
      return;
    cells_[(y / 4) * width_ + x / 2] |= kDotBits[y % 4][x % 2];
  }

  // Bresenham's line, both ends included.
  void line(long x0, long y0, long x1, long y1) {
    const long dx = std::labs(x1 - x0), dy = -std::labs(y1 - y0);
    const long sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
    for (long error = dx + dy;;) {
      dot(x0, y0);
      if (x0 == x1 && y0 == y1) return;
      const long twice = 2 * error;
      if (twice >= dy) error += dy, x0 += sx;
      if (twice <= dx) error += dx, y0 += sy;
    }
  }

  std::vector<std::string> rows() const {
    std::vector<std::string> rows(height_);
    for (std::size_t r = 0; r < height_; ++r)
      for (std::size_t c = 0; c < width_; ++c) rows[r] += braille_character(cells_[r * width_ + c]);
    return rows;
  }

 private:
  std::size_t width_, height_;
  std::vector<unsigned> cells_;
};

}  // namespace

std::string braille_character(unsigned bits) {
  const unsigned code = 0x2800 + (bits & 0xFF);
  return {static_cast<char>(0xE0 | (code >> 12)), static_cast<char>(0x80 | ((code >> 6) & 0x3F)),
          static_cast<char>(0x80 | (code & 0x3F))};
}

std::vector<std::string> braille_rows(const std::vector<std::optional<double>>& values, double low,
                                      double high, std::size_t width, std::size_t height) {
  BrailleCanvas canvas(std::max<std::size_t>(width, 1), std::max<std::size_t>(height, 1));
  const auto across = static_cast<double>(canvas.dots_across() - 1);
  const auto down = static_cast<double>(canvas.dots_down() - 1);
  auto x_of = [&](std::size_t i) {
    return values.size() > 1
               ? std::lround(static_cast<double>(i) * across / static_cast<double>(values.size() - 1))
               : 0L;
  };
  auto y_of = [&](double v) {
    if (!(high > low)) return std::lround(down / 2);
    return std::lround(std::clamp((high - v) / (high - low), 0.0, 1.0) * down);
  };
  auto present = [&](std::size_t i) { return values[i] && std::isfinite(*values[i]); };
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!present(i)) continue;
    if (i + 1 < values.size() && present(i + 1))
      canvas.line(x_of(i), y_of(*values[i]), x_of(i + 1), y_of(*values[i + 1]));
    else
      canvas.dot(x_of(i), y_of(*values[i]));
  }
  return canvas.rows();
}

}  // namespace tinkr::cli
