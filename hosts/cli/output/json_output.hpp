// The json and ndjson formats, written with the hosts' shared record and cell writers
// (common/record_json.hpp, common/cell_json.hpp) so that they print the values tinkr-server does.
// Both stream: memory does not grow with the number of records or table rows.
#pragma once

#include "common/cell_json.hpp"
#include "common/record_json.hpp"
#include "output/output_format.hpp"

#include <optional>
#include <ostream>

namespace tinkr::cli {

/// One JSON array of record and table objects, one object per line inside it so that a person can
/// still read it. A table's rows are written into its object as they arrive.
class JsonOutput final : public OutputFormat {
 public:
  explicit JsonOutput(std::ostream& out) : out_(out) {}
  void record(const Record& record) override;
  void log_record(const LogRecordView& record) override;
  bool prints_record_lines() const override { return true; }
  void record_line(std::string_view json_object) override;
  void table_begin(const std::string& name, const std::vector<Column>& columns) override;
  void table_row(const std::vector<std::optional<std::string>>& cells) override;
  void mark_incomplete(const Incompleteness& missing) override;
  void trailer(std::string_view json_object) override;
  void finish() override;

 private:
  void write_item(std::string_view json);
  void close_table();

  std::ostream& out_;
  host::RecordText text_;
  bool any_ = false;
  bool in_table_ = false;
  bool any_row_ = false;
  std::optional<host::RowWriter> rows_;  // the current table's
};

/// One object per line, written as records arrive; a native table's rows are objects keyed by
/// column name ({"service":"api","count":42}).
class NdjsonOutput final : public OutputFormat {
 public:
  explicit NdjsonOutput(std::ostream& out) : out_(out) {}
  void record(const Record& record) override;
  void log_record(const LogRecordView& record) override;
  bool prints_record_lines() const override { return true; }
  void record_line(std::string_view json_object) override;
  void table_begin(const std::string& name, const std::vector<Column>& columns) override;
  void table_row(const std::vector<std::optional<std::string>>& cells) override;
  void mark_incomplete(const Incompleteness& missing) override;
  void trailer(std::string_view json_object) override;
  void flush() override;
  void finish() override;

 private:
  std::ostream& out_;
  host::RecordText text_;
  std::optional<host::RowWriter> rows_;  // the current table's
};

/// The records that mark a partial result, each a JSON object without a newline.
std::vector<std::string> incompleteness_records(const Incompleteness& missing);

}  // namespace tinkr::cli
