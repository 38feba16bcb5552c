// See output_thread.hpp.
#include "output/output_thread.hpp"

#include <boost/pfr/core.hpp>

#include <type_traits>
#include <utility>

namespace tinkr::cli {
namespace {

// 256 rows of a wide table are about 100 KB: few hand-overs per answer (each costs a lock and a
// wake-up), and few batches in memory at once: the one filling, the queued ones, the one being
// written, and those written since the last hand-over.
constexpr std::size_t kBatchItems = 256;
constexpr std::size_t kBatchBytes = std::size_t{256} << 10;  // rows of very long cells
constexpr std::size_t kQueuedBatches = 4;

}  // namespace

bool OutputThread::Batch::full() const {
  return items.size() >= kBatchItems || text.size() >= kBatchBytes;
}

void OutputThread::Batch::clear() {
  items.clear();
  cells.clear();
  text.clear();
}

OutputThread::OutputThread(OutputFormat& output) : output_(output), writer_([this] { write_batches(); }) {}

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
  filling_.items.emplace_back(std::move(record));
  if (filling_.full()) hand_over();
}

void OutputThread::add_cell(std::string_view text, bool null) {
  filling_.cells.push_back({filling_.text.size(), text.size(), null});
  filling_.text.append(text);
}

void OutputThread::table_row(std::span<const std::optional<std::string_view>> cells) {
  for (const auto& cell : cells) add_cell(cell.value_or(std::string_view()), !cell);
  filling_.items.emplace_back(cells.size());
  if (filling_.full()) hand_over();
}

void OutputThread::log_record(const LogRecordView& record) {
  LogRecordView& kept = std::get<LogRecordView>(filling_.items.emplace_back(record));
  boost::pfr::for_each_field(kept, [this](auto& member) {
    if constexpr (std::is_same_v<std::decay_t<decltype(member)>, std::string_view>) {
      add_cell(member);
      member = {};  // the batch's text may move as it grows: write() points the views at it
    }
  });
  if (filling_.full()) hand_over();
}

void OutputThread::hand_over() {
  Batch next;
  {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return queue_.size() < kQueuedBatches; });
    queue_.push_back(std::exchange(filling_, {}));
    handed_over_ = true;
    if (!written_.empty()) {
      next = std::move(written_.back());
      written_.pop_back();
    }
  }
  changed_.notify_all();
  // Cleared here, on the thread that filled it: glibc keeps a block freed by another thread in that
  // thread's cache, where this thread's next allocations would never find it.
  next.clear();
  filling_ = std::move(next);
}

void OutputThread::drain() {
  if (!filling_.items.empty()) hand_over();
  // Nothing handed over since the last drain: nothing to wait for, and no lock (a server's record lines
  // drain before each line).
  if (!handed_over_) return;
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return queue_.empty() && !writing_; });
  handed_over_ = false;
}

void OutputThread::rethrow_failure() {
  std::lock_guard lock(mutex_);
  if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
}

void OutputThread::write(const Batch& batch) {
  std::size_t next_cell = 0;
  const auto cell_text = [&](const Cell& cell) {
    return std::string_view(batch.text.data() + cell.offset, cell.size);
  };
  for (const auto& item : batch.items) {
    if (const auto* record = std::get_if<Record>(&item)) {
      output_.record(*record);
      continue;
    }
    if (const auto* packed = std::get_if<LogRecordView>(&item)) {
      LogRecordView record = *packed;
      boost::pfr::for_each_field(record, [&](auto& member) {
        if constexpr (std::is_same_v<std::decay_t<decltype(member)>, std::string_view>)
          member = cell_text(batch.cells[next_cell++]);
      });
      output_.log_record(record);
      continue;
    }
    const std::size_t count = std::get<std::size_t>(item);
    row_.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
      const Cell& cell = batch.cells[next_cell++];
      const std::string_view text = cell_text(cell);
      if (cell.null)
        row_[i].reset();
      else if (row_[i])
        row_[i]->assign(text);  // keeps the string's buffer from the rows before
      else
        row_[i].emplace(text);
    }
    output_.table_row(row_);
  }
}

void OutputThread::write_batches() {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and everything is written
    Batch batch = std::move(queue_.front());
    queue_.pop_front();
    writing_ = true;
    const bool failed = failure_ != nullptr;
    lock.unlock();
    changed_.notify_all();  // room in the queue
    std::exception_ptr failure;
    if (!failed) {
      try {
        write(batch);
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
