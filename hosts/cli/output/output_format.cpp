// Chooses an output format by name.
#include "output/output_format.hpp"

#include "output/chart_output.hpp"
#include "output/csv_output.hpp"
#include "output/json_output.hpp"
#include "output/safe_text.hpp"
#include "output/table_output.hpp"

namespace tinkr::cli {

Expected<Format> parse_format(std::string_view name, bool charts_allowed) {
  if (name == "table") return Format::table;
  if (name == "chart") {
    if (charts_allowed) return Format::chart;
    return fail(
        Error::Code::invalid_query,
        "-o chart draws metric series: only `tinkr metrics` has charts (use -o table, json, ndjson or csv "
        "here)");
  }
  if (name == "json") return Format::json;
  if (name == "ndjson") return Format::ndjson;
  if (name == "csv") return Format::csv;
  return fail(
      Error::Code::invalid_query,
      "-o '" + std::string(name) + "': unknown output format (expected table, chart, json, ndjson or csv)");
}

namespace {

// json, ndjson and csv on a terminal: the format writes to a stream that escapes control characters.
class TerminalSafeOutput final : public OutputFormat {
 public:
  TerminalSafeOutput(Format format, std::ostream& terminal)
      : safe_(make_terminal_safe_stream(terminal)), inner_(make_output(format, *safe_, Style{})) {}
  void record(const Record& record) override { inner_->record(record); }
  void log_record(const LogRecordView& record) override { inner_->log_record(record); }
  bool prints_record_lines() const override { return inner_->prints_record_lines(); }
  void record_line(std::string_view json_object) override { inner_->record_line(json_object); }
  void table_begin(const std::string& name, const std::vector<Column>& columns) override {
    inner_->table_begin(name, columns);
  }
  void table_row(const std::vector<std::optional<std::string>>& cells) override { inner_->table_row(cells); }
  void flush() override {
    inner_->flush();
    safe_->flush();
  }
  void mark_incomplete(const Incompleteness& missing) override { inner_->mark_incomplete(missing); }
  void trailer(std::string_view json_object) override { inner_->trailer(json_object); }
  void finish() override {
    inner_->finish();
    safe_->flush();
  }

 private:
  std::unique_ptr<std::ostream> safe_;
  std::unique_ptr<OutputFormat> inner_;
};

}  // namespace

std::unique_ptr<OutputFormat> make_output(Format format, std::ostream& out, Style style) {
  // table and chart escape the data's text themselves (they colour it, so the stream cannot).
  if (style.terminal && format != Format::table && format != Format::chart)
    return std::make_unique<TerminalSafeOutput>(format, out);
  switch (format) {
    case Format::json:
      return std::make_unique<JsonOutput>(out);
    case Format::ndjson:
      return std::make_unique<NdjsonOutput>(out);
    case Format::csv:
      return std::make_unique<CsvOutput>(out);
    case Format::chart:
      return std::make_unique<ChartOutput>(out, style);
    case Format::table:
      break;
  }
  return std::make_unique<TableOutput>(out, style);
}

}  // namespace tinkr::cli
