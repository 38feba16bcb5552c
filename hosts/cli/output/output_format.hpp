// The CLI's output formats (table, json, ndjson, csv): each its own small class behind this one
// interface, fed the records of a query in arrival order. Data goes to the stream given; nothing here
// writes diagnostics.
#pragma once

#include <tinkr/error.hpp>
#include <tinkr/records.hpp>

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tinkr::cli {

enum class Format { table, json, ndjson, csv };

/// How the table format may decorate text: colour only on a terminal and never under NO_COLOR.
struct Style {
  bool colour = false;
};

class OutputFormat {
 public:
  virtual ~OutputFormat() = default;
  virtual void record(const Record& record) = 0;
  virtual void table_begin(const std::string& name, const std::vector<Column>& columns) = 0;
  virtual void table_row(const std::vector<std::optional<std::string>>& cells) = 0;
  /// Writes out what is buffered (tail calls it after each poll); formats that stream ignore it.
  virtual void flush() {}
  /// The end of the output (closes the JSON array, prints the last table).
  virtual void finish() = 0;
};

/// "table" | "json" | "ndjson" | "csv"; anything else is an error listing them.
Expected<Format> parse_format(std::string_view name);

std::unique_ptr<OutputFormat> make_output(Format format, std::ostream& out, Style style = {});

}  // namespace tinkr::cli
