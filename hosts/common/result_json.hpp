// Whole query results on the wire, both ways. A JSON reply is
//   {"records": [...], "tables": [...], "stats": {...}, "warnings": [...]}
// and an NDJSON reply is one record object per line; a native table is a {"type":"table","name",
// "columns"} line followed by one {"type":"row","cells":[typed values]} line per row (so that a
// table streams); {"type":"warning","message":...} lines; and a last line {"type":"end","stats":{...}}
// or, when the query failed after the first line, {"type":"error","error":{"code","message"}}.
// stats.partial is true when a warning said that something is missing. A JSON reply sent in pieces
// (json_reply_writer.hpp) whose query failed after the first piece ends with "error" instead of
// "stats". An explain reply is {"explain": {...}}.
#pragma once

#include "common/cell_json.hpp"

#include <tinkr/engine.hpp>

#include <string>
#include <string_view>

namespace tinkr::host {

std::string result_to_json(const QueryResult& result);

/// The "stats" object of a JSON reply and of the NDJSON end line.
void write_stats(JsonWriter& writer, const RunStats& stats);

/// An NDJSON row line, {"type":"row","cells":[typed values]}, without its newline (row_line's text).
void write_row_line(JsonWriter& writer, const std::vector<CellKind>& kinds,
                    const std::vector<std::optional<std::string>>& cells);
std::string stats_line(const RunStats& stats);  // the NDJSON end line, with "\n"
std::string table_line(const std::string& name, const std::vector<Column>& columns);  // with "\n"
std::string row_line(const std::vector<CellKind>& kinds,
                     const std::vector<std::optional<std::string>>& cells);  // with "\n"
std::string warning_line(std::string_view message);                          // with "\n"
std::string error_line(const Error& error);                                  // with "\n"
std::string explanation_to_json(const Explanation& explanation);

/// Replays a JSON reply into sink (remote mode); returns the server's stats, or the error a reply in
/// pieces ended with (after replaying what came before it).
Expected<RunStats> replay_result(std::string_view body, ResultSink& sink);

Expected<Explanation> explanation_from_json(std::string_view body);

/// Takes record lines of an NDJSON reply as they came, checked but not parsed into records (the
/// CLI's json and ndjson output print them as they are).
class RecordLineSink {
 public:
  virtual ~RecordLineSink() = default;
  /// One record object's text, without its newline; false to stop.
  virtual bool on_record_line(std::string_view json_object) = 0;
};

/// Replays an NDJSON reply line by line. With `record_lines`, a record line goes there as it is,
/// once check_record_line (common/record_line.hpp) passed it; tables, warnings and the end line still
/// go to `sink`.
class NdjsonReplayer {
 public:
  explicit NdjsonReplayer(ResultSink& sink, RecordLineSink* record_lines = nullptr)
      : sink_(sink), record_lines_(record_lines) {}
  /// One line (without its newline); an error line becomes the returned error.
  Expected<void> feed(std::string_view line);
  /// Whether the end line arrived (a reply without it was cut short).
  bool finished() const { return finished_; }
  const RunStats& stats() const { return stats_; }

 private:
  ResultSink& sink_;
  RecordLineSink* record_lines_;
  RunStats stats_;
  bool finished_ = false;
  bool stopped_ = false;
};

}  // namespace tinkr::host
