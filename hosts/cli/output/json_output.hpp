// The json format: one JSON array of record and table objects (common/record_json.hpp), one object
// per line inside it so that a person can still read it.
#pragma once

#include "output/output_format.hpp"

#include <ostream>

namespace tinkr::cli {

class JsonOutput final : public OutputFormat {
 public:
  explicit JsonOutput(std::ostream& out) : out_(out) {}
  void record(const Record& record) override;
  void table_begin(const std::string& name, const std::vector<Column>& columns) override;
  void table_row(const std::vector<std::optional<std::string>>& cells) override;
  void finish() override;

 private:
  void write_item(const std::string& json);
  void close_table();

  std::ostream& out_;
  bool any_ = false;
  std::optional<Table> table_;
};

/// The ndjson format: one object per line, written as records arrive.
class NdjsonOutput final : public OutputFormat {
 public:
  explicit NdjsonOutput(std::ostream& out) : out_(out) {}
  void record(const Record& record) override;
  void table_begin(const std::string& name, const std::vector<Column>& columns) override;
  void table_row(const std::vector<std::optional<std::string>>& cells) override;
  void flush() override;
  void finish() override;

 private:
  void close_table();

  std::ostream& out_;
  std::optional<Table> table_;
};

}  // namespace tinkr::cli
