// Carries an answer's body from the thread that receives it to the thread that decodes it. The
// host's HTTPS client hands the body over piece by piece on the thread that sent the request; the
// decoder must run on the thread that called execute (the sink's thread), so the two meet here. At
// most `capacity` bytes wait in the pipe: memory stays flat whatever the body's size, and a slow
// consumer slows the transfer instead of buffering it.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tinkr::azure::decode {

/// Where a body comes from, piece by piece.
class PieceSource {
 public:
  virtual ~PieceSource() = default;
  /// The next piece, valid until the next call; an empty view once the body has ended.
  virtual std::string_view next_piece() = 0;
};

/// A whole body already in memory, as one piece.
class WholeBody final : public PieceSource {
 public:
  explicit WholeBody(std::string_view body) noexcept : body_(body) {}
  std::string_view next_piece() override { return std::exchange(body_, {}); }

 private:
  std::string_view body_;
};

/// One producer thread (push, finish) and one consumer thread (next_piece, close).
class BodyPipe final : public PieceSource {
 public:
  static constexpr std::size_t kDefaultCapacity = std::size_t{1} << 20;

  explicit BodyPipe(std::size_t capacity_bytes = kDefaultCapacity) : capacity_(capacity_bytes) {}

  /// Copies piece in, waiting while the pipe is full. False once the consumer has closed: the
  /// producer should stop the transfer.
  bool push(std::string_view piece);
  /// The body has ended (or the transfer failed): next_piece returns empty once the pipe drains.
  void finish();

  std::string_view next_piece() override;
  /// The consumer reads no more: a waiting or later push returns false.
  void close();

  /// True when the producer finished before the consumer closed, i.e. the transfer ended by
  /// itself rather than because the consumer stopped it.
  bool finished_first() const;

 private:
  std::string take_spare();

  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::string> pieces_;
  std::vector<std::string> spare_;  // emptied pieces, reused so that steady state allocates nothing
  std::string current_;             // the piece the consumer holds
  std::size_t buffered_ = 0;
  bool finished_ = false;
  bool closed_ = false;
  bool finished_first_ = false;
};

}  // namespace tinkr::azure::decode
