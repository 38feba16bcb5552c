// RFC 4180 output of the same rows the table format shows.
#include "output/csv_output.hpp"

namespace tinkr::cli {

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

std::string csv_field(std::string_view text) {
  std::string field;
  append_csv_field(field, text);
  return field;
}

void CsvOutput::write_line(const TextRow& row) {
  line_.clear();
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (i > 0) line_ += ',';
    append_csv_field(line_, row[i]);
  }
  line_ += "\r\n";
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
  line_.clear();
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) line_ += ',';
    if (cells[i]) append_csv_field(line_, *cells[i]);  // null: an empty field
  }
  line_ += "\r\n";
  out_ << line_;
}

void CsvOutput::flush() {
  out_.flush();
}

void CsvOutput::finish() {
  out_.flush();
}

}  // namespace tinkr::cli
