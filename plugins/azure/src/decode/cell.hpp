// One cell of a Log Analytics result table, as the JSON had it, and the typed readers that accept
// both encodings seen in the wild: numbers and bools as JSON values (the live service) or as strings
// (the spec's examples), "NaN"/"Infinity" for non-finite reals, decimals and longs as text.
#pragma once

#include <cstdint>
#include <string_view>

namespace tinkr::azure::decode {

/// A column's declared type (Log Analytics names: datetime, string, int, long, real, bool, dynamic,
/// guid, timespan, decimal).
enum class CellType : uint8_t {
  string,
  datetime,
  boolean,
  int32,
  int64,
  real,
  decimal,
  dynamic,
  guid,
  timespan,
  other
};

CellType cell_type_from_name(std::string_view name) noexcept;

/// A view of one cell; text points into the part of the response body being parsed (strings
/// unescaped in place, numbers as their raw digits). Valid during the RowConsumer::row call.
struct Cell {
  enum class Json : uint8_t { null, string, number, boolean, complex };
  Json json = Json::null;
  std::string_view text;

  bool is_null() const noexcept { return json == Json::null; }
};

/// Readers return false when the cell is null or cannot be read as that type.
bool read_int64(const Cell& cell, int64_t& out) noexcept;
bool read_double(const Cell& cell, double& out) noexcept;
bool read_bool(const Cell& cell, bool& out) noexcept;
bool read_datetime(const Cell& cell, int64_t& unix_ns) noexcept;

/// Whether cell can be read as a value of its column's declared type: null fits any column; string,
/// guid, datetime and timespan need a string in their format; numbers and bools accept both encodings;
/// dynamic and unknown types take anything. A cell that does not fit is malformed upstream data.
bool fits_column(const Cell& cell, CellType type) noexcept;

/// ISO 8601 as Log Analytics writes it: 2015-12-31T23:59:59.9Z (fraction 0-9 digits, Z or +hh:mm).
bool parse_datetime(std::string_view text, int64_t& unix_ns) noexcept;

/// .NET TimeSpan "c" format: [-][d.]hh:mm:ss[.fffffff].
bool parse_timespan(std::string_view text, int64_t& ns) noexcept;

}  // namespace tinkr::azure::decode
