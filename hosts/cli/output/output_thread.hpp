// Formats and writes a query's rows on a thread of their own while the query thread reads, inflates and
// decodes the next ones. Issue 15's figure needs it (bench/big_answer.sh: a 100,000-row answer printed
// within 1.5x of the time curl takes to fetch the same body): reading and decoding a big answer took
// about half of tinkr's time and formatting and writing it the other half, one after the other on one
// core. Used only when the output is not a terminal (a file or a pipe: the big answers); a person at a
// terminal reads rows one screen at a time and shares that terminal with the progress line.
//
// The query thread hands rows over in batches through a bounded queue, so memory stays small: it waits
// when the writer falls behind. Only one thread uses the OutputFormat at a time: anyone else who
// writes to it (a table's header, a trailer, the end) calls drain() first.
#pragma once

#include "output/output_format.hpp"

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
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
  void table_row(std::vector<std::optional<std::string>>&& cells);
  /// Returns once everything handed over has been written: the OutputFormat is the caller's again.
  /// Never throws (it is called from inside a query's callbacks); what the writer threw waits for
  /// rethrow_failure().
  void drain();
  /// After drain(): rethrows what writing a row threw, if anything did (the rows after it were not
  /// written).
  void rethrow_failure();

 private:
  using Row = std::vector<std::optional<std::string>>;
  using Item = std::variant<Record, Row>;

  void add(Item&& item);
  void hand_over();
  void write_batches();

  OutputFormat& output_;
  std::vector<Item> filling_;  // the batch the query thread is filling; only it touches this
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::vector<Item>> queue_;
  std::vector<std::vector<Item>> written_;  // batches written, freed by the query thread
  bool writing_ = false;  // the writer holds a batch taken from the queue
  bool stopping_ = false;
  std::exception_ptr failure_;
  std::thread writer_;  // last: started once everything above exists
};

}  // namespace tinkr::cli
