// The table format: aligned columns under a header, one block per kind of record. Cells are one line
// with control characters escaped (output/safe_text.hpp). On a terminal the table fits its width: the
// widest columns are cut with an ellipsis (json, ndjson and csv keep the full text).
//
// Rows are held until the kind changes, flush() or finish(), because the column widths depend on
// them; after kBlockRows rows the widths are fixed from those and later rows print as they come (cut
// to the fixed widths), so that memory stays bounded on a table of any length.
//
// Metric series print as one grid (output/metric_grid.hpp); on a terminal with room for it, a block
// with a row per series and its sparkline (TREND) comes first.
#pragma once

#include "output/output_format.hpp"
#include "output/record_rows.hpp"

#include <ostream>

namespace tinkr::cli {

class TableOutput final : public OutputFormat {
 public:
  static constexpr std::size_t kBlockRows = 500;

  TableOutput(std::ostream& out, Style style) : out_(out), style_(style) {}
  void record(const Record& record) override;
  void table_begin(const std::string& name, const std::vector<Column>& columns) override;
  void table_row(const std::vector<std::optional<std::string>>& cells) override;
  void flush() override;
  void finish() override;

 private:
  void start_block(const std::vector<std::string>& headers);
  void print_series_summary();
  void add_row(TextRow row);
  void fix_widths();
  void fit_to_terminal();
  void print_row(const TextRow& row, bool header);
  void print_rows();
  std::string paint(const std::string& header, const std::string& cell) const;

  std::ostream& out_;
  Style style_;
  std::vector<std::string> headers_;
  std::vector<bool> numeric_;  // right-aligned columns (a native table's numbers)
  std::vector<TextRow> rows_;
  std::vector<MetricSeries> series_;  // printed together as one grid
  // Fixed once the block's first rows are printed.
  bool fixed_ = false;
  std::vector<std::size_t> widths_;
  std::vector<bool> shown_;
  std::size_t last_shown_ = 0;
  bool printed_block_ = false;
};

/// Columns of text, as a terminal shows them (UTF-8 code points; every one counts as one column).
std::size_t display_width(std::string_view text);

/// text cut to `width` columns, its last one an ellipsis when something was cut.
std::string cut_to_width(const std::string& text, std::size_t width);

/// ANSI colour for a level or status cell ("ERROR", "WARN", "OK"...); "" when none.
std::string_view tone_of(std::string_view cell);

}  // namespace tinkr::cli
