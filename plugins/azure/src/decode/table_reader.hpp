// Reads a Log Analytics query answer ({"tables": [...], "error": {...}}) in one pass as its pieces
// arrive, and hands each row to a RowConsumer as soon as its last byte is read: no DOM, no whole body
// in memory, no allocation per row once the buffers have grown. Tables are read by position (several
// may be called PrimaryResult). An empty body (Azure's 204 / bodiless 200) is an answer with no
// tables.
#pragma once

#include "decode/body_pipe.hpp"
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

/// Receives tables and rows. Column views are valid until the next begin_table; cell views only
/// during the row call (copy what you keep). Return false to stop reading.
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

/// Parses the body as source yields it and feeds consumer. Throws
/// sdk::Error(TINKR_UPSTREAM_UNAVAILABLE) for malformed or cut-short JSON (with the offset) or a
/// malformed table (a row whose cell count differs from the columns', rows before columns).
ReadResult read_tables(PieceSource& source, RowConsumer& consumer);

/// The same for a body already in memory.
ReadResult read_tables(std::string_view body, RowConsumer& consumer);

}  // namespace tinkr::azure::decode
