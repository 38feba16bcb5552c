// Chooses an output format by name.
#include "output/output_format.hpp"

#include "output/csv_output.hpp"
#include "output/json_output.hpp"
#include "output/table_output.hpp"

namespace tinkr::cli {

Expected<Format> parse_format(std::string_view name) {
  if (name == "table") return Format::table;
  if (name == "json") return Format::json;
  if (name == "ndjson") return Format::ndjson;
  if (name == "csv") return Format::csv;
  return fail(Error::Code::invalid_query,
              "-o '" + std::string(name) + "': unknown output format (expected table, json, ndjson or csv)");
}

std::unique_ptr<OutputFormat> make_output(Format format, std::ostream& out, Style style) {
  switch (format) {
    case Format::json:
      return std::make_unique<JsonOutput>(out);
    case Format::ndjson:
      return std::make_unique<NdjsonOutput>(out);
    case Format::csv:
      return std::make_unique<CsvOutput>(out);
    case Format::table:
      break;
  }
  return std::make_unique<TableOutput>(out, style);
}

}  // namespace tinkr::cli
