// otlp_stream.hpp: the bytes of an ingest as a RapidJSON input stream, pulled in pieces from a source
// function so that a file of any size costs one buffer. It counts lines and columns (for error
// messages) and computes the SHA-256 of everything it read (to know a file that was stored before).
#pragma once

#include <openssl/evp.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace tinkr::local::otlp {

class PulledStream {
 public:
  using Ch = char;
  /// Stores up to `capacity` bytes in `buffer`, returns how many; 0 at the end. May throw.
  using Source = std::function<std::size_t(char* buffer, std::size_t capacity)>;

  explicit PulledStream(Source source, std::size_t buffer_size = 1 << 16);

  // The RapidJSON stream concept (read-only). Peek() is '\0' at the end of the data.
  Ch Peek() {
    if (at_ == end_) fill();
    return at_ == end_ ? '\0' : *at_;
  }
  Ch Take() {
    const Ch c = Peek();
    if (at_ == end_) return '\0';
    ++at_;
    ++offset_;
    if (c == '\n') ++line_, line_start_ = offset_;
    return c;
  }
  std::size_t Tell() const { return static_cast<std::size_t>(offset_); }
  Ch* PutBegin() { return nullptr; }
  void Put(Ch) {}
  void Flush() {}
  std::size_t PutEnd(Ch*) { return 0; }

  /// True once every byte was read (a '\0' from Peek() before that is a NUL byte in the data).
  bool at_end() {
    Peek();
    return at_ == end_;
  }
  /// 1-based line and column of the next byte.
  int64_t line() const { return line_; }
  int64_t column() const { return offset_ - line_start_ + 1; }
  /// Skips spaces, tabs and line breaks.
  void skip_whitespace();
  /// The lowercase hex SHA-256 of all the bytes read so far (call at the end).
  std::string digest();

 private:
  void fill();

  Source source_;
  std::vector<char> buffer_;
  const char* at_ = nullptr;
  const char* end_ = nullptr;
  bool exhausted_ = false;
  int64_t offset_ = 0, line_ = 1, line_start_ = 0;
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> sha_;
};

}  // namespace tinkr::local::otlp
