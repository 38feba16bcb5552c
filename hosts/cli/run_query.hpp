// The path every query command shares once it has built its QuerySpec: --explain prints the lowered
// query and sends nothing; otherwise records stream through the chosen output format, with a
// progress line on a terminal, warnings on stderr, and the exit code from the error table.
#pragma once

#include "common/result_json.hpp"
#include "context.hpp"
#include "output/output_thread.hpp"

#include <tinkr/engine.hpp>

namespace tinkr::cli {

/// Runs (or explains) one query and returns the exit code.
int run_query_command(const QueryEnv& env, const QuerySpec& spec, bool explain);

/// Prints an explanation: readable text for the table format, the server's JSON object otherwise.
void print_explanation(const Explanation& explanation, Format format, std::ostream& out);

/// Feeds records to an output format, counting them for the progress line. With own_thread, records,
/// log records' views and table rows are written on an OutputThread (output/output_thread.hpp); call
/// finish_writing() before using the output again.
class FormatSink final : public ResultSink, public host::RecordLineSink {
 public:
  FormatSink(OutputFormat& output, std::ostream& err, bool own_thread = false);
  bool on_record(Record&& record) override;
  bool on_log_record_view(const LogRecordView& record) override;
  bool on_record_line(std::string_view json_object) override;
  /// Where a remote query may send record lines: this sink when the output prints them as they are
  /// and no record is kept (a trace's spans are, for its critical path); null otherwise.
  host::RecordLineSink* record_lines() {
    return output_.prints_record_lines() && !keep_spans_ ? this : nullptr;
  }
  bool on_table_begin(const std::string& name, const std::vector<Column>& columns) override;
  bool on_table_row(std::vector<std::optional<std::string>>&& cells) override;
  bool on_table_row_view(std::span<const std::optional<std::string_view>> cells) override;
  void on_warning(const std::string& message) override;
  void count_into(class ProgressLine* progress) { progress_ = progress; }
  /// Keeps a copy of each span printed (a trace's, for its critical path once all are in).
  void keep_spans() { keep_spans_ = true; }
  const std::vector<Span>& spans() const { return spans_; }
  int64_t records() const { return records_; }
  const std::vector<std::string>& warnings() const { return warnings_; }
  /// Returns once every record and row received has been written; rethrows what writing one threw.
  void finish_writing();

 private:
  void count_one();

  OutputFormat& output_;
  std::ostream& err_;
  class ProgressLine* progress_ = nullptr;
  int64_t records_ = 0;
  std::vector<std::string> warnings_;
  bool keep_spans_ = false;
  std::vector<Span> spans_;
  std::optional<OutputThread> writer_;
  std::vector<std::optional<std::string_view>> views_;  // a server's row, handed to writer_
};

}  // namespace tinkr::cli
