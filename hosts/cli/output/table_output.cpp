// Aligned text tables, coloured by level and status on a terminal (see table_output.hpp).
#include "output/table_output.hpp"

#include "common/cell_json.hpp"
#include "output/metric_grid.hpp"
#include "output/safe_text.hpp"
#include "output/series_grid.hpp"
#include "output/sparkline.hpp"

#include <algorithm>

namespace tinkr::cli {
namespace {

constexpr std::string_view kReset = "\033[0m";
constexpr std::string_view kBold = "\033[1m";
constexpr std::size_t kGap = 2;            // spaces between columns
constexpr std::size_t kMinColumn = 8;      // no column is cut narrower than this to fit the terminal
constexpr std::size_t kMinSparkline = 16;  // a trend narrower than this says too little to be worth a block

// A cell is one line (a line break inside a message would tear the table apart) without control
// characters (they would act on the terminal).
std::string one_line(std::string_view text) {
  std::string result;
  for (char c : text) {
    if (c == '\n') {
      result += "↵";
    } else if (c == '\t') {
      result += ' ';
    } else if (c != '\r') {
      result += c;
    }
  }
  return escape_controls(result);
}

void make_safe(TextRow& row) {
  for (auto& cell : row) cell = one_line(cell);
}

bool is_lead_byte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
}

}  // namespace

std::size_t display_width(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), is_lead_byte));
}

std::string cut_to_width(const std::string& text, std::size_t width) {
  if (display_width(text) <= width) return text;
  if (width == 0) return {};
  std::size_t kept = 0, end = 0;
  for (; end < text.size(); ++end) {
    if (is_lead_byte(text[end]) && kept++ == width - 1) break;
  }
  return text.substr(0, end) + "…";
}

std::string_view tone_of(std::string_view cell) {
  if (cell == "ERROR" || cell == "FATAL") return "\033[31m";
  if (cell == "WARN") return "\033[33m";
  if (cell == "DEBUG" || cell == "TRACE") return "\033[2m";
  if (cell == "OK") return "\033[32m";
  return "";
}

std::string TableOutput::paint(const std::string& header, const std::string& cell) const {
  if (!style_.colour || (header != "LEVEL" && header != "STATUS")) return cell;
  const auto tone = tone_of(cell);
  return tone.empty() ? cell : std::string(tone) + cell + std::string(kReset);
}

void TableOutput::start_block(const std::vector<std::string>& headers) {
  if (headers == headers_ && series_.empty()) return;
  flush();
  headers_ = headers;
  numeric_.assign(headers_.size(), false);
}

void TableOutput::record(const Record& record) {
  if (const auto* series = std::get_if<MetricSeries>(&record)) {
    if (!rows_.empty() || fixed_) flush();
    series_.push_back(*series);
    return;
  }
  start_block(record_headers(record));
  std::vector<TextRow> rows;
  append_record_rows(record, rows);
  for (auto& row : rows) add_row(std::move(row));
}

void TableOutput::table_begin(const std::string& /*name*/, const std::vector<Column>& columns) {
  flush();
  headers_.clear();
  numeric_.clear();
  for (const auto& column : columns) {
    headers_.push_back(one_line(column.name));
    numeric_.push_back(host::cell_kind(column.type) == host::CellKind::number);
  }
}

void TableOutput::table_row(const std::vector<std::optional<std::string>>& cells) {
  TextRow row;
  row.reserve(cells.size());
  for (const auto& cell : cells) row.push_back(cell.value_or(""));
  add_row(std::move(row));
}

void TableOutput::add_row(TextRow row) {
  make_safe(row);
  if (fixed_) {
    print_row(row, false);
    return;
  }
  rows_.push_back(std::move(row));
  if (rows_.size() < kBlockRows) return;
  // A long table: widths from these rows, every column shown (a later row may fill one that is
  // empty so far), and the rest printed as it comes.
  print_rows();
  fixed_ = true;
}

// On a terminal wide enough, a row per series with its sparkline (one block per point, squeezed to
// the room there is) before the grid of values: the shape first, the numbers under it.
void TableOutput::print_series_summary() {
  if (!style_.terminal || style_.width == 0) return;
  build_metric_summary(series_, headers_, rows_);
  for (auto& row : rows_) make_safe(row);
  std::size_t used = 0;
  for (std::size_t c = 0; c < headers_.size(); ++c) {
    std::size_t widest = display_width(headers_[c]);
    for (const auto& row : rows_) widest = std::max(widest, display_width(row[c]));
    used += widest + kGap;
  }
  const SeriesGrid grid = lay_on_grid(series_);
  const std::size_t room = style_.width > used ? style_.width - used : 0;
  if (room < kMinSparkline || grid.slots == 0) {
    rows_.clear();
    return;
  }
  headers_.push_back("TREND");
  for (std::size_t k = 0; k < rows_.size(); ++k) rows_[k].push_back(sparkline(squeeze(grid.values[k], room)));
  numeric_ = {false, true, true, true, false};
  print_rows();
}

void TableOutput::flush() {
  if (!series_.empty()) {
    print_series_summary();
    build_metric_grid(series_, headers_, rows_);
    series_.clear();
    numeric_.assign(headers_.size(), false);
    for (auto& header : headers_) header = one_line(header);
    for (auto& row : rows_) make_safe(row);
  }
  print_rows();
  fixed_ = false;
  out_.flush();
}

void TableOutput::fix_widths() {
  const bool streaming = rows_.size() >= kBlockRows;
  widths_.assign(headers_.size(), 0);
  shown_.assign(headers_.size(), streaming);
  for (std::size_t i = 0; i < headers_.size(); ++i) widths_[i] = display_width(headers_[i]);
  for (const auto& row : rows_) {
    for (std::size_t i = 0; i < row.size() && i < widths_.size(); ++i) {
      widths_[i] = std::max(widths_[i], display_width(row[i]));
      // A column that is empty in every row is left out rather than printed as blank space.
      shown_[i] = shown_[i] || !row[i].empty();
    }
  }
  last_shown_ = 0;
  for (std::size_t i = 0; i < shown_.size(); ++i)
    if (shown_[i]) last_shown_ = i;
  fit_to_terminal();
}

// Narrows the widest column (a message, as a rule) until the row fits the terminal; when that column
// is down to kMinColumn, the next widest, and so on.
void TableOutput::fit_to_terminal() {
  if (style_.width == 0) return;
  auto total = [this] {
    std::size_t sum = 0, count = 0;
    for (std::size_t i = 0; i < widths_.size(); ++i)
      if (shown_[i]) sum += widths_[i], ++count;
    return sum + (count > 0 ? (count - 1) * kGap : 0);
  };
  for (std::size_t width = total(); width > style_.width; width = total()) {
    std::size_t widest = widths_.size();
    for (std::size_t i = 0; i < widths_.size(); ++i)
      if (shown_[i] && (widest == widths_.size() || widths_[i] > widths_[widest])) widest = i;
    if (widest == widths_.size() || widths_[widest] <= kMinColumn) return;
    const std::size_t excess = width - style_.width;
    widths_[widest] = widths_[widest] > excess + kMinColumn ? widths_[widest] - excess : kMinColumn;
  }
}

void TableOutput::print_row(const TextRow& row, bool header) {
  std::string line;
  for (std::size_t i = 0; i <= last_shown_ && i < row.size() && i < widths_.size(); ++i) {
    if (!shown_[i]) continue;
    const std::string cell = cut_to_width(row[i], widths_[i]);
    const std::string padding(widths_[i] - display_width(cell), ' ');
    const bool right = !header && i < numeric_.size() && numeric_[i];
    if (right) line += padding;
    line += header && style_.colour ? std::string(kBold) + cell + std::string(kReset)
                                    : (header ? cell : paint(headers_[i], cell));
    if (!right && i != last_shown_) line += padding;
    if (i != last_shown_) line += std::string(kGap, ' ');
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  out_ << line << '\n';
}

void TableOutput::print_rows() {
  if (rows_.empty()) return;
  fix_widths();
  if (printed_block_) out_ << '\n';
  print_row(headers_, true);
  for (const auto& row : rows_) print_row(row, false);
  rows_.clear();
  printed_block_ = true;
}

void TableOutput::finish() {
  flush();
}

}  // namespace tinkr::cli
