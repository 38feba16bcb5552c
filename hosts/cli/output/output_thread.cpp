// See output_thread.hpp.
#include "output/output_thread.hpp"

#include <utility>

namespace tinkr::cli {
namespace {

// 256 rows of a wide table are about 100 KB: few hand-overs per answer (each costs a lock and a
// wake-up), and few batches in memory at once: the one filling, the queued ones, the one being
// written, and those written since the last hand-over.
constexpr std::size_t kBatchItems = 256;
constexpr std::size_t kQueuedBatches = 4;

}  // namespace

OutputThread::OutputThread(OutputFormat& output) : output_(output), writer_([this] { write_batches(); }) {
  filling_.reserve(kBatchItems);
}

OutputThread::~OutputThread() {
  drain();
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  writer_.join();
}

void OutputThread::record(Record&& record) {
  add(std::move(record));
}

void OutputThread::table_row(Row&& cells) {
  add(std::move(cells));
}

void OutputThread::add(Item&& item) {
  filling_.push_back(std::move(item));
  if (filling_.size() == kBatchItems) hand_over();
}

void OutputThread::hand_over() {
  std::vector<std::vector<Item>> written;
  {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return queue_.size() < kQueuedBatches; });
    queue_.push_back(std::exchange(filling_, {}));
    written.swap(written_);
  }
  changed_.notify_all();
  filling_.reserve(kBatchItems);
  // Freed here, on the thread that allocated them: glibc puts a block freed by another thread in that
  // thread's cache, so the rows' allocations here would never find a free block close at hand.
  written.clear();
}

void OutputThread::drain() {
  if (!filling_.empty()) hand_over();
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return queue_.empty() && !writing_; });
}

void OutputThread::rethrow_failure() {
  std::lock_guard lock(mutex_);
  if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
}

void OutputThread::write_batches() {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and everything is written
    std::vector<Item> batch = std::move(queue_.front());
    queue_.pop_front();
    writing_ = true;
    const bool failed = failure_ != nullptr;
    lock.unlock();
    changed_.notify_all();  // room in the queue
    std::exception_ptr failure;
    if (!failed) {
      try {
        for (const auto& item : batch) {
          if (const auto* record = std::get_if<Record>(&item))
            output_.record(*record);
          else
            output_.table_row(std::get<Row>(item));
        }
      } catch (...) {
        failure = std::current_exception();
      }
    }
    lock.lock();
    written_.push_back(std::move(batch));
    writing_ = false;
    if (failure) failure_ = failure;
    changed_.notify_all();  // drain() may be waiting for this batch
  }
}

}  // namespace tinkr::cli
