// Turns a body that arrives in pieces of any size into contiguous batches that each end between two
// JSON tokens, so that RapidJSON can parse every batch in place (in situ: strings unescaped where
// they lie, no copy per character) although no token may be cut by a batch's end. A batch ends just
// after the last bracket or brace, seen outside a string, that leaves at most max_open_depth arrays
// and objects open; the bytes after it wait for the next piece. So every value nested deeper than
// that (a row of a Log Analytics table) lies whole in one batch, and views into it stay valid until
// the value ends.
#pragma once

#include "common/piece_source.hpp"

#include <cstddef>
#include <string>

namespace tinkr::azure::decode {

class BodyBatches {
 public:
  BodyBatches(PieceSource& source, int max_open_depth) : source_(source), max_open_depth_(max_open_depth) {}

  struct Batch {
    char* begin;
    char* end;           // *end == '\0' stands in for the byte after the batch
    std::size_t offset;  // bytes of the body before begin
  };

  /// Drops the current batch and makes the next one, waiting for pieces until one can end. The batch
  /// is writable. Once the body has ended: an empty batch at end_of_body.
  Batch next();
  /// True once the source has said the body ended and every byte went into a batch.
  bool ended() const { return source_ended_ && buffer_.size() == batch_size_; }

  /// What a reader past the body's end points at.
  char end_of_body = '\0';

 private:
  void drop_batch();
  void scan_new_bytes();

  PieceSource& source_;
  const int max_open_depth_;
  std::string buffer_;          // the current batch, then the bytes after it
  std::size_t batch_size_ = 0;  // buffer_[batch_size_] is the sentinel while a batch is out
  char under_sentinel_ = '\0';  // the byte the sentinel replaced
  std::size_t offset_ = 0;
  std::size_t scanned_ = 0;   // bytes of buffer_ whose string state is known
  std::size_t last_cut_ = 0;  // just after the last bracket where a batch may end; 0: none yet
  int depth_ = 0;             // arrays and objects open at scanned_
  bool in_string_ = false;
  bool escaped_ = false;
  bool source_ended_ = false;
};

}  // namespace tinkr::azure::decode
