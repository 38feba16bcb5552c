// Reads a Log Analytics query answer ({"tables": [...], "error": {...}}) in one pass, in place, and
// hands each row to a RowConsumer as soon as it is parsed: no DOM, no allocation per row. Tables are
// read by position (several may be called PrimaryResult). An empty body (Azure's 204 / bodiless 200)
// is an answer with no tables.
#pragma once

#include "decode/cell.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace tinkr::azure::decode {

struct ColumnInfo {
  std::string_view name;
  std::string_view type_name;
  CellType type = CellType::other;
};

/// Receives tables and rows. Views are valid while the body lives. Return false to stop reading.
class RowConsumer {
 public:
  virtual ~RowConsumer() = default;
  virtual bool begin_table(std::size_t index, std::string_view name, std::span<const ColumnInfo> columns) = 0;
  virtual bool row(std::span<const Cell> cells) = 0;
};

struct ReadResult {
  std::size_t tables = 0;
  uint64_t rows = 0;
  bool stopped = false;  // a consumer asked to stop
  /// A top-level `error` next to the tables (a partial result): its code and the innermost message.
  std::string partial_error_code;
  std::string partial_error_message;
  bool has_partial_error() const { return !partial_error_code.empty() || !partial_error_message.empty(); }
};

/// Parses body in place (it is modified) and feeds consumer. Throws
/// sdk::Error(TINKR_UPSTREAM_UNAVAILABLE) for malformed JSON (with the offset) or a malformed table
/// (a row whose cell count differs from the columns', rows before columns).
ReadResult read_tables(std::string& body, RowConsumer& consumer);

}  // namespace tinkr::azure::decode
