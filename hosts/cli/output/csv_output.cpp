// RFC 4180 output of the same rows the table format shows.
#include "output/csv_output.hpp"

namespace tinkr::cli {

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

void CsvOutput::write_line(const TextRow& row) {
  std::string line;
  for (std::size_t i = 0; i < row.size(); ++i) line += (i ? "," : "") + csv_field(row[i]);
  out_ << line << "\r\n";
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
  TextRow row;
  for (const auto& cell : cells) row.push_back(cell.value_or(""));
  write_line(row);
}

void CsvOutput::flush() {
  out_.flush();
}

void CsvOutput::finish() {
  out_.flush();
}

}  // namespace tinkr::cli
