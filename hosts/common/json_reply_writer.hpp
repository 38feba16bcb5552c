// A JSON reply, {"records": [...], "tables": [...], "stats": {...}, "warnings": [...]}, written as the
// results arrive, whole or in pieces.
//
// Whole (finish without take_ready): byte for byte what result_to_json writes for the same results
// once collected. Records go straight into the reply's text and a table's rows into the text of the
// tables, so that nothing is kept as records or cells (the server's answers).
//
// In pieces (the server's big answers): the first take_ready() decides which array leads, the records
// if any has arrived, else the tables, and from then on the leading array's text is handed out as it
// grows; the other array is kept until finish, which writes it after the leading one. So a native
// answer of a million rows is never held whole, and the member order is the whole reply's unless the
// tables led (JSON member order carries no meaning). A reply that fails after its first piece ends
// with "error" instead of "stats" and "warnings", as its whole form would have been {"error": ...}.
#pragma once

#include "common/cell_json.hpp"

#include <tinkr/engine.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tinkr::host {

class JsonReplyWriter {
 public:
  JsonReplyWriter();
  void record(const Record& record);
  void record(const LogRecordView& record);
  void table_begin(const std::string& name, const std::vector<Column>& columns);
  void table_row(const std::vector<std::optional<std::string>>& cells);
  /// One more member after "warnings", its value JSON text already written ("critical_path").
  void add_member(std::string key, std::string json_value);

  /// The text written and not yet handed out: all of it before the first take_ready, the leading
  /// array's after it.
  std::size_t ready_bytes() const;
  /// The reply's text so far that no later result can change; the writer hands out pieces from now on.
  std::string take_ready();
  bool in_pieces() const { return lead_ != Lead::undecided; }

  /// The rest of the reply, with the stats and the warnings they hold; the writer is spent after it.
  std::string finish(const RunStats& stats);
  /// The rest of a reply in pieces whose query failed: the arrays closed, then "error" (error_to_json's
  /// object). Only after take_ready: a reply not yet begun is an error reply of its own.
  std::string finish_failed(const Error& error);

 private:
  enum class Lead { undecided, records, tables };
  void end_table();
  // Closes both arrays and writes the one that follows the leading one; returns the buffer holding
  // the reply's end, where the closing members go.
  rapidjson::StringBuffer& close_arrays();

  // The records' array, after the reply's opening `{"records":` (kept at the start of this buffer so
  // that a whole reply is this buffer, never copied into another).
  rapidjson::StringBuffer records_;
  JsonWriter records_writer_;
  rapidjson::StringBuffer tables_;  // the tables' array
  JsonWriter tables_writer_;
  std::vector<CellKind> kinds_;  // of the table being written
  bool in_table_ = false;
  bool any_record_ = false;
  Lead lead_ = Lead::undecided;
  std::vector<std::pair<std::string, std::string>> more_members_;
};

}  // namespace tinkr::host
