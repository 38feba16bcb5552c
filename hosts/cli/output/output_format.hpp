// The CLI's output formats (table, json, ndjson, csv, and chart for metric series): each its own small class
// behind this one interface, fed the records of a query in arrival order. Data goes to the stream given;
// nothing here writes diagnostics.
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

enum class Format { table, json, ndjson, csv, chart };

/// How output may look: colour only on a terminal and never under NO_COLOR; on a terminal, json,
/// ndjson and csv escape control characters (output/safe_text.hpp) and the table fits `width`
/// columns (0: no limit).
struct Style {
  bool colour = false;
  bool terminal = false;
  std::size_t width = 0;
};

/// What a partial result is missing: the backend's warnings (the records stand) and, when the query
/// failed after records were printed, the error that cut it short.
struct Incompleteness {
  std::vector<std::string> warnings;
  std::optional<Error> error;
};

class OutputFormat {
 public:
  virtual ~OutputFormat() = default;
  virtual void record(const Record& record) = 0;
  /// A log record's view (the CLI's output thread keeps log records this way); copied for record() unless
  /// the format writes views itself (json and ndjson).
  virtual void log_record(const LogRecordView& record) { this->record(Record(to_log_record(record))); }
  /// json and ndjson print a record as the JSON object record_json.hpp writes: given that object's
  /// text as it is (a tinkr-server's checked NDJSON line, common/record_line.hpp), they print it
  /// without rebuilding the record. The others take records only.
  virtual bool prints_record_lines() const { return false; }
  virtual void record_line(std::string_view /*json_object*/) {}
  virtual void table_begin(const std::string& name, const std::vector<Column>& columns) = 0;
  virtual void table_row(const std::vector<std::optional<std::string>>& cells) = 0;
  /// Writes out what is buffered (tail calls it after each poll); formats that stream ignore it.
  virtual void flush() {}
  /// Said before finish() of a partial result: json and ndjson end with {"type":"warning"} and
  /// {"type":"error","partial":true} records so that a script sees it; the others leave it to stderr
  /// and the exit code.
  virtual void mark_incomplete(const Incompleteness& /*missing*/) {}
  /// A JSON object that follows the records and says something about all of them (a trace's critical
  /// path): json and ndjson write it as one more item; the others have drawn it or have no place for it.
  virtual void trailer(std::string_view /*json_object*/) {}
  /// The end of the output (closes the JSON array, prints the last table).
  virtual void finish() = 0;
};

/// "table" | "json" | "ndjson" | "csv" | "chart"; anything else is an error listing them. "chart" (the
/// braille line charts of output/chart_output.hpp) draws metric series only: refused with a message
/// saying so unless `charts_allowed`.
Expected<Format> parse_format(std::string_view name, bool charts_allowed = false);

std::unique_ptr<OutputFormat> make_output(Format format, std::ostream& out, Style style = {});

}  // namespace tinkr::cli
