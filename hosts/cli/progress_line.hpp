// A progress line on stderr for a query still running after a delay (one second): elapsed time and
// records so far, redrawn in place and erased when the query ends. Only on a terminal; disabled, it
// starts no thread and prints nothing.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <ostream>
#include <thread>

namespace tinkr::cli {

class ProgressLine {
 public:
  ProgressLine(std::ostream& err, bool enabled, std::chrono::milliseconds delay = std::chrono::seconds(1));
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  void add_records(int64_t count) { records_.fetch_add(count, std::memory_order_relaxed); }
  /// Stops and erases the line; idempotent.
  void stop();

 private:
  void run();

  std::ostream& err_;
  std::chrono::milliseconds delay_;
  std::chrono::steady_clock::time_point started_;
  std::atomic<int64_t> records_{0};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool drawn_ = false;
  std::thread thread_;
};

}  // namespace tinkr::cli
