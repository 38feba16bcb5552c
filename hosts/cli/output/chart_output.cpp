// Metric series as braille line charts (see chart_output.hpp).
#include "output/chart_output.hpp"

#include "common/time_text.hpp"
#include "output/braille_chart.hpp"
#include "output/metric_grid.hpp"
#include "output/safe_text.hpp"
#include "output/series_grid.hpp"
#include "output/table_output.hpp"

#include <algorithm>
#include <cmath>

namespace tinkr::cli {
namespace {

constexpr std::string_view kBold = "\033[1m";
constexpr std::string_view kCyan = "\033[36m";
constexpr std::string_view kReset = "\033[0m";

std::string paint(std::string_view tone, const std::string& text, const Style& style) {
  return style.colour ? std::string(tone) + text + std::string(kReset) : text;
}

std::string pad_left(const std::string& text, std::size_t width) {
  const std::size_t shown = display_width(text);
  return std::string(width > shown ? width - shown : 0, ' ') + text;
}

// "61 points, 1m apart, 1 missing"
std::string describe(const SeriesGrid& grid, std::size_t missing) {
  std::string text = std::to_string(grid.slots) + (grid.slots == 1 ? " point" : " points");
  if (grid.step_ns > 0) text += ", " + host::format_duration(grid.step_ns) + " apart";
  if (missing > 0) text += ", " + std::to_string(missing) + " missing (drawn as gaps)";
  return text;
}

// The start time under the axis' left end, the end time under its right end (or both on one line
// when the chart is too narrow for them apart).
std::string time_axis(const SeriesGrid& grid, std::size_t gutter, std::size_t width) {
  const std::string first = host::format_time(grid.start_ns);
  const std::string last = host::format_time(
      grid.start_ns + grid.step_ns * static_cast<int64_t>(grid.slots > 0 ? grid.slots - 1 : 0));
  const std::string indent(gutter + 1, ' ');
  if (width < first.size() + last.size() + 2) return indent + first + " .. " + last;
  return indent + first + std::string(width - first.size() - last.size(), ' ') + last;
}

}  // namespace

ChartOutput::ChartOutput(std::ostream& out, Style style)
    : out_(out), style_(style), others_(make_output(Format::table, out, style)) {}

void ChartOutput::record(const Record& record) {
  if (const auto* series = std::get_if<MetricSeries>(&record))
    series_.push_back(*series);
  else
    others_->record(record);
}

void ChartOutput::table_begin(const std::string& name, const std::vector<Column>& columns) {
  others_->table_begin(name, columns);
}

void ChartOutput::table_row(const std::vector<std::optional<std::string>>& cells) {
  others_->table_row(cells);
}

void ChartOutput::finish() {
  others_->finish();
  const SeriesGrid grid = lay_on_grid(series_);
  for (std::size_t k = 0; k < series_.size(); ++k) {
    const auto& values = grid.values[k];
    std::optional<double> low, high;
    std::size_t missing = 0;
    for (const auto& v : values) {
      if (!v) {
        ++missing;
        continue;
      }
      low = low ? std::min(*low, *v) : *v;
      high = high ? std::max(*high, *v) : *v;
    }
    if (k > 0) out_ << '\n';
    out_ << paint(kBold, escape_controls(series_title(series_[k])), style_) << "  ";
    if (!low) {
      out_ << "no values in the range\n";
      continue;
    }
    out_ << describe(grid, missing) << '\n';
    const std::string top = format_number(*high), bottom = format_number(*low);
    const std::size_t gutter = std::max(display_width(top), display_width(bottom)) + 1;
    std::size_t width = kPlainWidth;
    if (style_.width > 0)
      width = std::clamp(style_.width > gutter + 1 ? style_.width - gutter - 1 : 0, kMinWidth, kMaxWidth);
    const auto rows = braille_rows(values, *low, *high, width, kHeight);
    for (std::size_t r = 0; r < rows.size(); ++r) {
      const bool labelled = r == 0 || r + 1 == rows.size();
      const std::string label = r == 0 ? top : (r + 1 == rows.size() ? bottom : "");
      out_ << pad_left(label, gutter - 1) << ' ' << (labelled ? "┤" : "│") << paint(kCyan, rows[r], style_)
           << '\n';
    }
    std::string axis = std::string(gutter, ' ') + "└";
    for (std::size_t i = 0; i < width; ++i) axis += "─";
    out_ << axis << '\n' << time_axis(grid, gutter, width) << '\n';
  }
  out_.flush();
}

}  // namespace tinkr::cli
