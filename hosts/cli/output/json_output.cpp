// json and ndjson output (see json_output.hpp).
#include "output/json_output.hpp"

#include "common/error_json.hpp"
#include "common/record_json.hpp"
#include "common/result_json.hpp"

namespace tinkr::cli {
namespace {

std::string without_newline(std::string line) {
  if (!line.empty() && line.back() == '\n') line.pop_back();
  return line;
}

}  // namespace

std::vector<std::string> incompleteness_records(const Incompleteness& missing) {
  std::vector<std::string> records;
  for (const auto& warning : missing.warnings)
    records.push_back(without_newline(host::warning_line(warning)));
  if (missing.error) {
    records.push_back(host::to_json_text([&](host::JsonWriter& w) {
      w.StartObject();
      host::write_string_member(w, "type", "error");
      host::write_bool_member(w, "partial", true);
      w.Key("error");
      host::write_error_object(w, *missing.error);
      w.EndObject();
    }));
  }
  return records;
}

void JsonOutput::write_item(std::string_view json) {
  out_ << (any_ ? ",\n  " : "[\n  ") << json;
  any_ = true;
}

void JsonOutput::close_table() {
  if (!in_table_) return;
  out_ << "]}";
  in_table_ = false;
}

void JsonOutput::record(const Record& record) {
  record_line(text_(record));
}

void JsonOutput::log_record(const LogRecordView& record) {
  record_line(text_(record));
}

void JsonOutput::record_line(std::string_view json_object) {
  close_table();
  write_item(json_object);
}

void JsonOutput::table_begin(const std::string& name, const std::vector<Column>& columns) {
  close_table();
  std::string head = host::table_head_to_json(name, columns);
  head.pop_back();  // the closing brace: the rows follow
  write_item(head + ",\"rows\":[");
  in_table_ = true;
  any_row_ = false;
  rows_.emplace(columns);
}

void JsonOutput::table_row(const std::vector<std::optional<std::string>>& cells) {
  if (!in_table_) return;
  if (any_row_) out_ << ',';
  if (!rows_) rows_.emplace(std::vector<Column>{});
  out_ << rows_->array(cells);
  any_row_ = true;
}

void JsonOutput::mark_incomplete(const Incompleteness& missing) {
  close_table();
  for (const auto& item : incompleteness_records(missing)) write_item(item);
}

void JsonOutput::trailer(std::string_view json_object) {
  close_table();
  write_item(json_object);
}

void JsonOutput::finish() {
  close_table();
  out_ << (any_ ? "\n]\n" : "[]\n");
  out_.flush();
}

void NdjsonOutput::record(const Record& record) {
  record_line(text_(record));
}

void NdjsonOutput::log_record(const LogRecordView& record) {
  record_line(text_(record));
}

void NdjsonOutput::record_line(std::string_view json_object) {
  out_ << json_object << '\n';
}

void NdjsonOutput::table_begin(const std::string& /*name*/, const std::vector<Column>& columns) {
  rows_.emplace(columns);
}

void NdjsonOutput::table_row(const std::vector<std::optional<std::string>>& cells) {
  if (!rows_) rows_.emplace(std::vector<Column>{});  // a row before any table: columns by number
  out_ << rows_->object(cells) << '\n';
}

void NdjsonOutput::mark_incomplete(const Incompleteness& missing) {
  for (const auto& item : incompleteness_records(missing)) out_ << item << '\n';
}

void NdjsonOutput::trailer(std::string_view json_object) {
  out_ << json_object << '\n';
}

void NdjsonOutput::flush() {
  out_.flush();
}

void NdjsonOutput::finish() {
  out_.flush();
}

}  // namespace tinkr::cli
