// A body read piece by piece by whoever decodes it: the answer pulled from the host's client
// (backend/host_answer.hpp), its Content-Encoding undone on the way (decode/content_encoding.hpp), or a
// body already in memory.
#pragma once

#include <cstddef>
#include <string_view>
#include <utility>

namespace tinkr::azure {

/// Where a body comes from, piece by piece.
class PieceSource {
 public:
  virtual ~PieceSource() = default;
  /// The next piece, valid until the next call; an empty view once the body has ended. Throws
  /// sdk::Error when the body cannot be read to its end (cut short, timeout, garbled encoding).
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

/// A body in memory handed out in pieces of one size: how tests and benchmarks feed a decoder the way
/// a transfer does, with tokens cut at piece boundaries.
class PiecedBody final : public PieceSource {
 public:
  PiecedBody(std::string_view body, std::size_t piece_size) noexcept : rest_(body), size_(piece_size) {}
  std::string_view next_piece() override {
    const std::string_view piece = rest_.substr(0, size_);
    rest_.remove_prefix(piece.size());
    return piece;
  }

 private:
  std::string_view rest_;
  std::size_t size_;
};

}  // namespace tinkr::azure
