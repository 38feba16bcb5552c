// The csv format (RFC 4180): a header line, then one line per row; a new header whenever the kind of
// record changes. Fields with a comma, quote or line break are quoted, quotes doubled.
#pragma once

#include "output/output_format.hpp"
#include "output/record_rows.hpp"

#include <ostream>

namespace tinkr::cli {

class CsvOutput final : public OutputFormat {
 public:
  explicit CsvOutput(std::ostream& out) : out_(out) {}
  void record(const Record& record) override;
  void table_begin(const std::string& name, const std::vector<Column>& columns) override;
  void table_row(const std::vector<std::optional<std::string>>& cells) override;
  void flush() override;
  void finish() override;

 private:
  void write_line(const TextRow& row);
  void use_headers(const std::vector<std::string>& headers);

  std::ostream& out_;
  std::vector<std::string> headers_;
  std::string line_;  // reused for every line: a big answer allocates nothing per row
};

}  // namespace tinkr::cli
