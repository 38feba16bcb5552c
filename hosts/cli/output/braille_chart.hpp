// A line chart drawn with Unicode braille characters (U+2800..U+28FF): each character cell holds
// 2 x 4 dots, so a chart of W x H cells has 2W x 4H points of resolution. Plain text: it survives
// copy-paste, a pipe and a terminal without colour alike.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace tinkr::cli {

/// The chart's rows of braille text (height rows, each `width` characters). values[i] is drawn at
/// x = i over the width (the first at the left edge, the last at the right), y scaled from `low` (the
/// bottom row of dots) to `high` (the top row; a flat series sits in the middle). Neighbouring values
/// are joined by a line; a missing value breaks the line, so a gap shows as empty space, never as a
/// drop to zero. A value with no neighbour is a single dot. Cells without dots are U+2800 (blank
/// braille), so the rows keep their width when copied.
std::vector<std::string> braille_rows(const std::vector<std::optional<double>>& values, double low,
                                      double high, std::size_t width, std::size_t height);

/// The braille character with the given dot bits (bit 0 = dot 1 ... bit 7 = dot 8), as UTF-8.
std::string braille_character(unsigned bits);

}  // namespace tinkr::cli
