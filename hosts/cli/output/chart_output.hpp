// `-o chart`: each metric series as a braille line chart (output/braille_chart.hpp) under its title,
// with its value range on the left and the time axis under it. Every chart of one answer shares the
// time axis, so the series line up one above the other. A point a series lacks is a gap in its line.
//
//   http.server.duration p95 (ms)  61 points, 1m apart, 1 missing
//    812.36 ┤⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⣀⠤⠒⠉⠉⠉⠒⠤⣀⠀⠀⠀⠀⠀⠀
//           │ ...
//     23.41 ┤⠒⠒⠉⠉⠒⠒⠤⠤⠒⠒⠉⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠉⠉⠒⠒⠤
//           └────────────────────────────────
//            2026-12-04T22:19:00.000Z  2026-12-04T23:19:00.000Z
//
// The series are drawn once all have arrived (the axis needs them all). Records of any other kind
// (only metrics can ask for charts, see parse_format) print as the table format would.
#pragma once

#include "output/output_format.hpp"

#include <memory>
#include <ostream>

namespace tinkr::cli {

class ChartOutput final : public OutputFormat {
 public:
  static constexpr std::size_t kHeight = 8;       // rows of braille: 32 dots from least to most
  static constexpr std::size_t kPlainWidth = 72;  // columns of braille off a terminal
  static constexpr std::size_t kMaxWidth = 240;   // on a very wide terminal
  static constexpr std::size_t kMinWidth = 16;

  ChartOutput(std::ostream& out, Style style);
  void record(const Record& record) override;
  void table_begin(const std::string& name, const std::vector<Column>& columns) override;
  void table_row(const std::vector<std::optional<std::string>>& cells) override;
  void finish() override;

 private:
  std::ostream& out_;
  Style style_;
  std::vector<MetricSeries> series_;
  std::unique_ptr<OutputFormat> others_;
};

}  // namespace tinkr::cli
