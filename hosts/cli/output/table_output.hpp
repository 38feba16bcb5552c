// The table format: aligned columns under a header, one block per kind of record. Rows are buffered
// until the kind changes, flush() or finish(), because the column widths depend on every row.
#pragma once

#include "output/output_format.hpp"
#include "output/record_rows.hpp"

#include <ostream>

namespace tinkr::cli {

class TableOutput final : public OutputFormat {
 public:
  TableOutput(std::ostream& out, Style style) : out_(out), style_(style) {}
  void record(const Record& record) override;
  void table_begin(const std::string& name, const std::vector<Column>& columns) override;
  void table_row(const std::vector<std::optional<std::string>>& cells) override;
  void flush() override;
  void finish() override;

 private:
  void start_block(const std::vector<std::string>& headers);
  void print_rows();
  std::string paint(const std::string& header, const std::string& cell) const;

  std::ostream& out_;
  Style style_;
  std::vector<std::string> headers_;
  std::vector<TextRow> rows_;
  std::vector<MetricSeries> series_;  // printed together as one grid
  bool printed_block_ = false;
};

/// Columns of text, as a terminal shows them (UTF-8 code points; every one counts as one column).
std::size_t display_width(std::string_view text);

/// ANSI colour for a level or status cell ("ERROR", "WARN", "OK"...); "" when none.
std::string_view tone_of(std::string_view cell);

}  // namespace tinkr::cli
