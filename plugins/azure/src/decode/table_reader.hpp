// Reads a Log Analytics query answer ({"tables": [...], "error": {...}}) in one pass as its pieces
// arrive, and hands each row to a RowConsumer as soon as its last byte is read: no DOM, no whole body
// in memory, no allocation per row once the buffers have grown. Tables are read by position (several
// may be called PrimaryResult). An empty body (Azure's 204 / bodiless 200) is an answer with no
// tables.
#pragma once

#include "common/piece_source.hpp"
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

/// The answer's `statistics` member (Prefer: include-statistics), the parts that say what a query cost.
struct AnswerStatistics {
  bool present = false;
  double execution_seconds = 0;  // query.executionTime
  int64_t cpu_ns = 0;            // query.resourceUsage.cpu.totalCpu
  int64_t scanned_bytes = 0;     // query.resourceUsage.cache.shards: hot and cold hit and miss bytes, bypass
  int64_t rows_scanned = 0;      // query.inputDatasetStatistics.rows.scanned
  int64_t extents_scanned = 0;   // query.inputDatasetStatistics.extents.scanned
};

struct ReadResult {
  std::size_t tables = 0;
  uint64_t rows = 0;
  bool stopped = false;  // a consumer asked to stop
  /// A top-level `error` next to the tables (a partial result): its code and the innermost message.
  std::string partial_error_code;
  std::string partial_error_message;
  AnswerStatistics statistics;
  uint64_t bytes = 0;  // the answer's bytes (once inflated), set by read_answer
  std::string age;     // the answer's Age header: served from the service's cache when set
  bool has_partial_error() const { return !partial_error_code.empty() || !partial_error_message.empty(); }
};

/// Parses the body as source yields it and feeds consumer. Throws
/// sdk::Error(TINKR_UPSTREAM_UNAVAILABLE) for malformed or cut-short JSON (with the offset) or a
/// malformed table (a row whose cell count differs from the columns', rows before columns).
ReadResult read_tables(PieceSource& source, RowConsumer& consumer);

/// The same for a body already in memory.
ReadResult read_tables(std::string_view body, RowConsumer& consumer);

}  // namespace tinkr::azure::decode
