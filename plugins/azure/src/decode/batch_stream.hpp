// A RapidJSON in-situ input stream over BodyBatches. Within a batch it is as cheap as RapidJSON's own
// InsituStringStream: a pointer. The sentinel '\0' at a batch's end is the only place where it asks
// for the next batch (which may wait for the next piece of the body), and a batch always ends between
// two tokens, so no string or number is ever split. Past the body's end every read is '\0'.
#pragma once

#include "decode/body_batches.hpp"

#include <rapidjson/reader.h>
#include <rapidjson/stream.h>

#include <cstddef>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace tinkr::azure::decode {

/// Cheap to copy: RapidJSON keeps a copy in registers while it parses a value (see StreamTraits
/// below) and writes it back; the batches themselves live in BodyBatches.
class BatchStream {
 public:
  using Ch = char;

  explicit BatchStream(BodyBatches& batches)
      : batches_(&batches), src_(&batches.end_of_body), begin_(src_), end_(src_) {}

  Ch Peek() const {
    const Ch c = *src_;
    if (RAPIDJSON_UNLIKELY(c == '\0') && src_ == end_) {
      use(batches_->next());
      return *src_;
    }
    return c;
  }
  Ch Take() {
    const Ch c = Peek();
    if (RAPIDJSON_LIKELY(src_ != end_)) ++src_;  // never step past the body's end
    return c;
  }
  std::size_t Tell() const { return offset_ + static_cast<std::size_t>(src_ - begin_); }

  /// True once every byte of the body has been read (it may wait for the source to say so).
  bool at_end() const {
    Peek();
    return src_ == end_ && batches_->ended();
  }

  /// Passes over string text up to the next quote, backslash or control character (the sentinel is
  /// one), moving it down when an escape earlier in the string made the string shorter. RapidJSON
  /// does this only for its own streams; without it every character costs a round of checks.
  void copy_plain_text() {
    Ch* p = src_;
#ifdef __SSE2__
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i control_max = _mm_set1_epi8(0x1f);
    for (; p + 16 <= end_; p += 16) {
      const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      const __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(block, control_max), control_max);
      const __m128i stops =
          _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(block, quote), _mm_cmpeq_epi8(block, backslash)), control);
      if (const int mask = _mm_movemask_epi8(stops); mask != 0) {
        p += __builtin_ctz(static_cast<unsigned>(mask));
        return moved_to(p);
      }
    }
#endif
    while (*p != '"' && *p != '\\' && static_cast<unsigned char>(*p) >= 0x20) ++p;
    moved_to(p);
  }

  /// Skips JSON whitespace, inline (RapidJSON's generic SkipWhitespace is a call per value).
  void skip_whitespace() {
    for (Ch c = Peek(); c == ' ' || c == '\n' || c == '\r' || c == '\t'; c = Peek()) Take();
  }

  // In-situ writing: a string is unescaped over its own bytes, inside one batch.
  Ch* PutBegin() {
    return dst_ = src_;
  }
  void Put(Ch c) {
    *dst_++ = c;
  }
  void Flush() {}
  std::size_t PutEnd(Ch* begin) {
    return static_cast<std::size_t>(dst_ - begin);
  }

 private:
  void moved_to(Ch* p) {
    const auto n = static_cast<std::size_t>(p - src_);
    if (dst_ != src_) {
      // Runs between escapes are short (JSON text in a string escapes every quote): no call for them.
      if (n <= 16) {
        for (std::size_t i = 0; i < n; ++i) dst_[i] = src_[i];
      } else {
        std::memmove(dst_, src_, n);
      }
    }
    dst_ += n;
    src_ = p;
  }

  // Only the batches see the slow path: no pointer to this stream leaves it, so that the compiler
  // may keep RapidJSON's local copy of it in registers.
  void use(const BodyBatches::Batch& batch) const {
    src_ = begin_ = batch.begin;
    end_ = batch.end;
    offset_ = batch.offset;
  }

  // Mutable because RapidJSON's Peek is const and the next batch is fetched lazily.
  BodyBatches* batches_;
  mutable Ch* src_;
  mutable Ch* begin_;
  mutable Ch* end_;
  mutable std::size_t offset_ = 0;
  Ch* dst_ = nullptr;
};

}  // namespace tinkr::azure::decode

// RapidJSON's customisation points for a stream of its own kind: a local copy while parsing a value,
// and the fast paths it gives its own in-situ stream. They must be seen before the reader is
// instantiated for BatchStream (table_reader.cpp includes this header first).
namespace rapidjson {

template <>
struct StreamTraits<tinkr::azure::decode::BatchStream> {
  enum { copyOptimization = 1 };
};

template <>
inline void SkipWhitespace(tinkr::azure::decode::BatchStream& is) {
  is.skip_whitespace();
}

template <>
template <>
inline void GenericReader<UTF8<>, UTF8<>, CrtAllocator>::ScanCopyUnescapedString(
    tinkr::azure::decode::BatchStream& is, tinkr::azure::decode::BatchStream& os) {
  RAPIDJSON_ASSERT(&is == &os);  // in situ: one stream reads and writes
  (void)os;
  is.copy_plain_text();
}

}  // namespace rapidjson
