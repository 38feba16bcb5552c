// BodyPipe: a bounded queue of pieces between two threads (see body_pipe.hpp).
#include "decode/body_pipe.hpp"

#include <utility>

namespace tinkr::azure::decode {

namespace {
constexpr std::size_t kMaxSpare = 8;
}

std::string BodyPipe::take_spare() {
  std::lock_guard lock(mutex_);
  if (spare_.empty()) return {};
  std::string s = std::move(spare_.back());
  spare_.pop_back();
  return s;
}

bool BodyPipe::push(std::string_view piece) {
  if (piece.empty()) return true;
  std::string copy = take_spare();
  copy.assign(piece);  // outside the lock: the consumer may go on reading meanwhile
  std::unique_lock lock(mutex_);
  // A piece larger than the capacity still goes through, alone.
  changed_.wait(lock, [&] { return closed_ || buffered_ == 0 || buffered_ + piece.size() <= capacity_; });
  if (closed_) return false;
  buffered_ += copy.size();
  pieces_.push_back(std::move(copy));
  changed_.notify_all();
  return true;
}

void BodyPipe::finish() {
  std::lock_guard lock(mutex_);
  finished_ = true;
  if (!closed_) finished_first_ = true;
  changed_.notify_all();
}

std::string_view BodyPipe::next_piece() {
  std::unique_lock lock(mutex_);
  if (!current_.empty() && spare_.size() < kMaxSpare) spare_.push_back(std::move(current_));
  current_.clear();
  changed_.wait(lock, [&] { return !pieces_.empty() || finished_ || closed_; });
  if (pieces_.empty()) return {};
  current_ = std::move(pieces_.front());
  pieces_.pop_front();
  buffered_ -= current_.size();
  changed_.notify_all();
  return current_;
}

void BodyPipe::close() {
  std::lock_guard lock(mutex_);
  closed_ = true;
  changed_.notify_all();
}

bool BodyPipe::finished_first() const {
  std::lock_guard lock(mutex_);
  return finished_first_;
}

}  // namespace tinkr::azure::decode
