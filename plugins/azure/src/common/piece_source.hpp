// A body read piece by piece by whoever decodes it: the answer pulled from the host's client
// (backend/host_answer.hpp), its Content-Encoding undone on the way (decode/content_encoding.hpp), or a
// body already in memory.
#pragma once

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

}  // namespace tinkr::azure
