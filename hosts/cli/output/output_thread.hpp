// Formats and writes a query's rows on a thread of their own while the query thread reads, inflates and
// decodes the next ones. Issue 15's figure needs it (bench/big_answer.sh: a 100,000-row answer printed
// within 1.5x of the time curl takes to fetch the same body): reading and decoding a big answer took
// about half of tinkr's time and formatting and writing it the other half, one after the other on one
// core. Used only when the output is not a terminal (a file or a pipe: the big answers); a person at a
// terminal reads rows one screen at a time and shares that terminal with the progress line.
//
// The query thread hands rows over in batches through a bounded queue, so memory stays small: it waits
// when the writer falls behind. A table row's cells and a log record's text are copied into its batch's
// one buffer, and written batches come back to be filled again, so that a big answer costs no allocation
// per row, record or cell.
// Only one thread uses the OutputFormat at a time: anyone else who writes to it (a table's header, a
// trailer, the end) calls drain() first.
#pragma once

#include "output/output_format.hpp"

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <variant>
#include <vector>

namespace tinkr::cli {

class OutputThread {
 public:
  explicit OutputThread(OutputFormat& output);
  /// Writes what is still queued, then ends the thread.
  ~OutputThread();
  OutputThread(const OutputThread&) = delete;
  OutputThread& operator=(const OutputThread&) = delete;

  void record(Record&& record);
  /// Copies the record's text into the batch being filled, as table_row does a row's cells.
  void log_record(const LogRecordView& record);
  /// Copies the cells (views, nullopt: null) into the batch being filled.
  void table_row(std::span<const std::optional<std::string_view>> cells);
  /// Returns once everything handed over has been written: the OutputFormat is the caller's again.
  /// Never throws (it is called from inside a query's callbacks); what the writer threw waits for
  /// rethrow_failure().
  void drain();
  /// After drain(): rethrows what writing a row threw, if anything did (the rows after it were not
  /// written).
  void rethrow_failure();

 private:
  struct Cell {
    std::size_t offset = 0;  // into Batch::text
    std::size_t size = 0;
    bool null = false;
  };
  struct Batch {
    // A record; a table row: its cell count; a log record: its numbers, its text in `cells` (one per
    // string member, in order) and its views left empty.
    std::vector<std::variant<Record, std::size_t, LogRecordView>> items;
    std::vector<Cell> cells;  // every row's and log record's text, one after another
    std::string text;         // every cell's bytes, one after another
    bool full() const;
    void clear();
  };

  void hand_over();
  void write_batches();
  void write(const Batch& batch);
  // The text and the null flag apart: an optional built on the stack for each call, its flag stored as
  // a byte and read back in a word, stalled the call (a tenth of the page query's thread, issue 15).
  void add_cell(std::string_view text, bool null = false);

  OutputFormat& output_;
  Batch filling_;             // the batch the query thread is filling; only it touches this
  bool handed_over_ = false;  // a batch went to the writer since the last drain; the query thread's too
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Batch> queue_;
  std::vector<Batch> written_;  // back from the writer, to be cleared and filled again by the query thread
  bool writing_ = false;        // the writer holds a batch taken from the queue
  bool stopping_ = false;
  std::exception_ptr failure_;
  std::vector<std::optional<std::string>> row_;  // the writer's row, its strings reused
  std::thread writer_;                           // last: started once everything above exists
};

}  // namespace tinkr::cli
