// Inflating a gzip body piece by piece as it arrives, with a cap on the inflated bytes. A gzip
// stream can grow a thousandfold: a few megabytes on the wire may claim gigabytes, so the cap is
// checked on every output chunk and the inflater never holds more than one chunk, whatever the
// body's size. Self-contained (zlib only) so that the body path around it can change.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace tinkr::azure::decode {

/// Receives inflated bytes in order; returning false stops the inflating (feed then returns false).
using InflatedReceiver = std::function<bool(std::string_view piece)>;

class GzipInflater {
 public:
  /// The inflated bytes come out in pieces of at most this size.
  static constexpr std::size_t kOutputChunk = std::size_t{64} << 10;

  /// source names the body's origin in error messages ("the answer from Log Analytics"); limit_hint
  /// says how to raise the limit ("max_answer_bytes").
  GzipInflater(uint64_t max_inflated_bytes, std::string source, std::string limit_hint);
  ~GzipInflater();
  GzipInflater(const GzipInflater&) = delete;
  GzipInflater& operator=(const GzipInflater&) = delete;

  /// Inflates the next compressed piece and hands its output to out. False when out stopped. Throws
  /// sdk::Error(TINKR_UPSTREAM_UNAVAILABLE) when the data is not gzip, is corrupt, continues past the
  /// end of the gzip stream, or inflates past the limit.
  bool feed(std::string_view compressed, const InflatedReceiver& out);
  /// Pull-style: inflates from the front of compressed (advancing it past what zlib took) and returns
  /// at most kOutputChunk bytes, valid until the next call. Empty when zlib needs more input; call
  /// again, even without new input, while more_output(). Throws as feed does.
  std::string_view inflate_some(std::string_view& compressed);
  /// The last call filled its output: zlib may hold more without further input.
  bool more_output() const noexcept { return more_output_; }

  /// The compressed body has ended: throws sdk::Error when the gzip stream is incomplete.
  void finish() const;

  uint64_t inflated_bytes() const noexcept { return inflated_; }

 private:
  [[noreturn]] void fail(const std::string& what) const;

  struct Stream;
  std::unique_ptr<Stream> stream_;
  const uint64_t max_inflated_;
  const std::string source_;
  const std::string limit_hint_;
  uint64_t inflated_ = 0;
  bool ended_ = false;
  bool more_output_ = false;
  std::string output_;
};

/// Inflates a whole gzip body at once, under the same limit (for bodies that arrive whole).
std::string gunzip(std::string_view compressed, uint64_t max_inflated_bytes, const std::string& source,
                   const std::string& limit_hint);

/// "64 MiB" for whole mebibytes, else "N bytes".
std::string byte_size_text(uint64_t bytes);

}  // namespace tinkr::azure::decode
