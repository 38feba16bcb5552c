// Aligned text tables, coloured by level and status on a terminal.
#include "output/table_output.hpp"

#include "output/metric_grid.hpp"

#include <algorithm>

namespace tinkr::cli {
namespace {

constexpr std::string_view kReset = "\033[0m";
constexpr std::string_view kBold = "\033[1m";

// A cell is one line: a line break inside a message would tear the table apart.
std::string one_line(std::string text) {
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
  return result;
}

}  // namespace

std::size_t display_width(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(
      text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
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
  if (headers == headers_) return;
  flush();
  headers_ = headers;
}

void TableOutput::record(const Record& record) {
  if (const auto* series = std::get_if<MetricSeries>(&record)) {
    if (!rows_.empty()) flush();
    series_.push_back(*series);
    return;
  }
  start_block(record_headers(record));
  const std::size_t first = rows_.size();
  append_record_rows(record, rows_);
  for (std::size_t i = first; i < rows_.size(); ++i)
    for (auto& cell : rows_[i]) cell = one_line(std::move(cell));
}

void TableOutput::table_begin(const std::string& /*name*/, const std::vector<Column>& columns) {
  std::vector<std::string> headers;
  for (const auto& column : columns) headers.push_back(column.name);
  flush();
  headers_ = std::move(headers);
}

void TableOutput::table_row(const std::vector<std::optional<std::string>>& cells) {
  TextRow row;
  for (const auto& cell : cells) row.push_back(one_line(cell.value_or("")));
  rows_.push_back(std::move(row));
}

void TableOutput::flush() {
  if (!series_.empty()) {
    build_metric_grid(series_, headers_, rows_);
    series_.clear();
  }
  print_rows();
}

void TableOutput::print_rows() {
  if (rows_.empty()) return;
  std::vector<std::size_t> widths(headers_.size(), 0);
  for (std::size_t i = 0; i < headers_.size(); ++i) widths[i] = display_width(headers_[i]);
  for (const auto& row : rows_)
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i)
      widths[i] = std::max(widths[i], display_width(row[i]));
  // A column that is empty in every row is left out rather than printed as blank space.
  std::vector<bool> shown(headers_.size(), false);
  for (const auto& row : rows_)
    for (std::size_t i = 0; i < row.size() && i < shown.size(); ++i) shown[i] = shown[i] || !row[i].empty();
  std::size_t last = 0;
  for (std::size_t i = 0; i < shown.size(); ++i)
    if (shown[i]) last = i;

  auto print_row = [&](const TextRow& row, bool header) {
    std::string line;
    for (std::size_t i = 0; i <= last && i < row.size(); ++i) {
      if (!shown[i]) continue;
      const std::string& cell = row[i];
      std::string text = header && style_.colour ? std::string(kBold) + cell + std::string(kReset)
                                                 : (header ? cell : paint(headers_[i], cell));
      line += text;
      if (i != last) line += std::string(widths[i] - display_width(cell) + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out_ << line << '\n';
  };
  if (printed_block_) out_ << '\n';
  print_row(headers_, true);
  for (const auto& row : rows_) print_row(row, false);
  rows_.clear();
  printed_block_ = true;
  out_.flush();
}

void TableOutput::finish() {
  flush();
}

}  // namespace tinkr::cli
