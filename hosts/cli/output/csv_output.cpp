// RFC 4180 output of the same rows the table format shows.
#include "output/csv_output.hpp"

namespace tinkr::cli {

namespace {

// One CSV field appended to line, quoted when it must be.
void append_csv_field(std::string& line, std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    line.append(text);
    return;
  }
  line += '"';
  for (char c : text) {
    if (c == '"') line += '"';
    line += c;
  }
  line += '"';
}

std::string_view field_text(const std::string& text) {
  return text;
}
std::string_view field_text(const std::optional<std::string>& cell) {
  return cell ? std::string_view(*cell) : std::string_view();  // null: an empty field
}

// One CSV line of cells (text or nullable cells) into line, which is reused from line to line.
template <typename Cells>
void fill_line(std::string& line, const Cells& cells) {
  line.clear();
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) line += ',';
    append_csv_field(line, field_text(cells[i]));
  }
  line += "\r\n";
}

}  // namespace

void CsvOutput::write_line(const TextRow& row) {
  fill_line(line_, row);
  out_ << line_;
}

void CsvOutput::use_headers(const std::vector<std::string>& headers) {
  if (headers == headers_) return;
  headers_ = headers;
  std::vector<std::string> names;
  for (const auto& header : headers) {
    std::string name = header;
    for (auto& c : name) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    names.push_back(name);
  }
  write_line(names);
}

void CsvOutput::record(const Record& record) {
  use_headers(record_headers(record));
  std::vector<TextRow> rows;
  append_record_rows(record, rows);
  for (const auto& row : rows) write_line(row);
}

void CsvOutput::table_begin(const std::string& /*name*/, const std::vector<Column>& columns) {
  std::vector<std::string> names;
  for (const auto& column : columns) names.push_back(column.name);
  headers_ = names;
  write_line(names);
}

void CsvOutput::table_row(const std::vector<std::optional<std::string>>& cells) {
  fill_line(line_, cells);
  out_ << line_;
}

void CsvOutput::flush() {
  out_.flush();
}

void CsvOutput::finish() {
  out_.flush();
}

}  // namespace tinkr::cli
