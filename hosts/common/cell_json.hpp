// The typed JSON value of a native table's cell: the one place that decides how a backend's column
// type shows in JSON, used by every host (the CLI's json / ndjson / csv, the server's replies, MCP).
//
// Cells cross the plugin ABI as text (tinkr_sink.table_row) next to their column's declared type
// (tinkr_column.type); this file turns the pair into a JSON value:
//
//   int, long, real (and SQLite's integer, double, ...)  a JSON number, digits kept as the backend
//                                                       wrote them; a cell that is not a JSON number
//                                                       ("NaN", "Infinity", text in a SQLite column)
//                                                       stays a string
//   bool                                                true / false ("1"/"0", "True"/"False" too)
//   dynamic                                             the JSON value it holds, or its text when it
//                                                       is not valid JSON
//   decimal                                             a string, so that no digit is lost
//   datetime, timespan, guid, string, anything else     a string (datetimes are RFC 3339 as sent)
//   a null cell                                         null
#pragma once

#include <tinkr/records.hpp>

#include "common/json_writing.hpp"

#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tinkr::host {

enum class CellKind { text, number, boolean, dynamic };

/// How a column of this type is written (case-insensitive backend type names).
CellKind cell_kind(std::string_view column_type);
std::vector<CellKind> cell_kinds(const std::vector<Column>& columns);

/// Whether text is exactly one JSON number (RFC 8259: no leading '+', no leading zeros, no "NaN").
bool is_json_number(std::string_view text);

/// Writes one cell as its typed JSON value.
void write_cell(JsonWriter& writer, CellKind kind, const std::optional<std::string>& cell);

/// Writes a row as a JSON array of typed values (a cell past the columns is text).
void write_row_array(JsonWriter& writer, const std::vector<CellKind>& kinds,
                     const std::vector<std::optional<std::string>>& cells);
/// A row as a JSON array of typed values: [1,"a",null].
std::string row_to_json_array(const std::vector<CellKind>& kinds,
                              const std::vector<std::optional<std::string>>& cells);

/// Writes one table's rows, again and again, into one buffer: for a big answer, no string or JSON
/// writer per row and each column's key escaped once per table. A row as an object keyed by column
/// name, {"n":1,"s":"a","x":null}, or as an array, the same bytes as row_to_json_array.
class RowWriter {
 public:
  explicit RowWriter(const std::vector<Column>& columns);
  RowWriter(const RowWriter&) = delete;  // writer_ writes into buffer_
  RowWriter& operator=(const RowWriter&) = delete;
  /// The row as {"name":value,...}; valid until the next call.
  std::string_view object(const std::vector<std::optional<std::string>>& cells);
  /// The row as [value,...]; valid until the next call.
  std::string_view array(const std::vector<std::optional<std::string>>& cells);

 private:
  void put(std::string_view text);
  void put_cell(std::size_t index, const std::optional<std::string>& cell);
  const std::string& key(std::size_t index);

  std::vector<std::string> keys_;  // "name": as JSON, one per column (and per cell past them)
  std::vector<CellKind> kinds_;
  rapidjson::StringBuffer buffer_;
  JsonWriter writer_{buffer_};
};

/// A typed JSON value read back as cell text (remote mode): strings as they are, numbers in their
/// shortest exact form, booleans as true/false, objects and arrays as compact JSON, null as nullopt.
std::optional<std::string> cell_from_json(const rapidjson::Value& value);

}  // namespace tinkr::host
