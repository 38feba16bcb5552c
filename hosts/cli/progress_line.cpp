// The delayed, self-erasing progress line.
#include "progress_line.hpp"

#include <cstdio>

namespace tinkr::cli {

ProgressLine::ProgressLine(std::ostream& err, bool enabled, std::chrono::milliseconds delay)
    : err_(err), delay_(delay), started_(std::chrono::steady_clock::now()) {
  if (enabled) thread_ = std::thread([this] { run(); });
}

ProgressLine::~ProgressLine() {
  stop();
}

void ProgressLine::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ProgressLine::run() {
  std::unique_lock lock(mutex_);
  if (wake_.wait_for(lock, delay_, [this] { return stopping_; })) return;
  while (!stopping_) {
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    char line[96];
    std::snprintf(line, sizeof line, "\r\033[Kquerying… %.1fs, %lld records", seconds,
                  static_cast<long long>(records_.load(std::memory_order_relaxed)));
    err_ << line << std::flush;
    drawn_ = true;
    wake_.wait_for(lock, std::chrono::milliseconds(200), [this] { return stopping_; });
  }
  if (drawn_) err_ << "\r\033[K" << std::flush;
}

}  // namespace tinkr::cli
