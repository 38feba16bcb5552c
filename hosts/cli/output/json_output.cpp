// json and ndjson output, written with the server's record writer so both print the same objects.
#include "output/json_output.hpp"

#include "common/record_json.hpp"

namespace tinkr::cli {

void JsonOutput::write_item(const std::string& json) {
  out_ << (any_ ? ",\n  " : "[\n  ") << json;
  any_ = true;
}

void JsonOutput::close_table() {
  if (!table_) return;
  write_item(host::table_to_json(*table_));
  table_.reset();
}

void JsonOutput::record(const Record& record) {
  close_table();
  write_item(host::record_to_json(record));
}

void JsonOutput::table_begin(const std::string& name, const std::vector<Column>& columns) {
  close_table();
  table_ = Table{name, columns, {}};
}

void JsonOutput::table_row(const std::vector<std::optional<std::string>>& cells) {
  if (table_) table_->rows.push_back(cells);
}

void JsonOutput::finish() {
  close_table();
  out_ << (any_ ? "\n]\n" : "[]\n");
  out_.flush();
}

void NdjsonOutput::close_table() {
  if (!table_) return;
  out_ << host::table_to_json(*table_) << '\n';
  table_.reset();
}

void NdjsonOutput::record(const Record& record) {
  close_table();
  out_ << host::record_to_json(record) << '\n';
}

void NdjsonOutput::table_begin(const std::string& name, const std::vector<Column>& columns) {
  close_table();
  table_ = Table{name, columns, {}};
}

void NdjsonOutput::table_row(const std::vector<std::optional<std::string>>& cells) {
  if (table_) table_->rows.push_back(cells);
}

void NdjsonOutput::flush() {
  out_.flush();
}

void NdjsonOutput::finish() {
  close_table();
  out_.flush();
}

}  // namespace tinkr::cli
