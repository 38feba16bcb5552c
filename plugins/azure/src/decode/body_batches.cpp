// BodyBatches: pieces in, batches cut between tokens out (see body_batches.hpp).
#include "decode/body_batches.hpp"

#include <array>
#include <cstdint>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace tinkr::azure::decode {

namespace {

// What the cut scanner must notice in a byte; everything else it passes over.
enum ByteClass : unsigned char { kPlain = 0, kQuote, kOpen, kClose };

constexpr std::array<unsigned char, 256> make_classes() {
  std::array<unsigned char, 256> classes{};
  classes['"'] = kQuote;
  classes['['] = classes['{'] = kOpen;
  classes[']'] = classes['}'] = kClose;
  return classes;
}
constexpr auto kClasses = make_classes();

// The index of the quote that closes the string bytes[i] is in, or size when it does not close
// before size. escaped says whether bytes[i] is escaped, on entry and, when size is returned, for
// the byte at size.
std::size_t closing_quote(const unsigned char* bytes, std::size_t i, std::size_t size, bool& escaped) {
#ifdef __SSE2__
  // Sixteen bytes at a time: most of a body is string text, and JSON text inside a string escapes
  // every quote, so the escapes are found in the block too rather than one call each.
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  for (; i + 16 <= size; i += 16) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + i));
    const auto quotes = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(block, quote)));
    auto backslashes = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(block, backslash)));
    uint32_t escaped_bits = escaped ? 1u : 0u;  // bit 16: the first byte of the next block
    while (backslashes != 0) {
      const unsigned k = static_cast<unsigned>(__builtin_ctz(backslashes));
      backslashes &= backslashes - 1;
      if ((escaped_bits & (1u << k)) == 0) escaped_bits |= 2u << k;  // an escaped backslash escapes nothing
    }
    if (const uint32_t closing = quotes & ~escaped_bits; closing != 0) {
      escaped = false;
      return i + static_cast<std::size_t>(__builtin_ctz(closing));
    }
    escaped = (escaped_bits >> 16) != 0;
  }
#endif
  for (; i < size; ++i) {
    if (escaped)
      escaped = false;
    else if (bytes[i] == '\\')
      escaped = true;
    else if (bytes[i] == '"')
      return i;
  }
  return size;
}

}  // namespace

void BodyBatches::scan_new_bytes() {
  const auto* bytes = reinterpret_cast<const unsigned char*>(buffer_.data());
  const std::size_t size = buffer_.size();
  std::size_t i = scanned_;
  while (i < size) {
    if (in_string_) {
      i = closing_quote(bytes, i, size, escaped_);
      if (i == size) break;
      in_string_ = false;
      ++i;
      continue;
    }
    switch (kClasses[bytes[i]]) {
      case kQuote:
        in_string_ = true;
        break;
      case kOpen:
        if (++depth_ <= max_open_depth_) last_cut_ = i + 1;
        break;
      case kClose:
        if (--depth_ <= max_open_depth_) last_cut_ = i + 1;
        break;
      default:
        break;
    }
    ++i;
  }
  scanned_ = size;
}

void BodyBatches::drop_batch() {
  if (batch_size_ < buffer_.size()) buffer_[batch_size_] = under_sentinel_;
  buffer_.erase(0, batch_size_);
  offset_ += batch_size_;
  scanned_ -= batch_size_;
  batch_size_ = 0;
}

BodyBatches::Batch BodyBatches::next() {
  drop_batch();
  while (last_cut_ == 0 && !source_ended_) {
    const std::string_view piece = source_.next_piece();
    if (piece.empty()) {
      source_ended_ = true;
      break;
    }
    buffer_.append(piece);
    scan_new_bytes();
  }
  // At the end of the body the rest is the last batch, complete or not: the parser says which.
  batch_size_ = source_ended_ ? buffer_.size() : last_cut_;
  if (batch_size_ == 0) return {&end_of_body, &end_of_body, offset_};
  last_cut_ = 0;  // the cut was the last one in what has arrived
  if (batch_size_ < buffer_.size()) {
    under_sentinel_ = buffer_[batch_size_];
    buffer_[batch_size_] = '\0';
  }
  return {buffer_.data(), buffer_.data() + batch_size_, offset_};
}

}  // namespace tinkr::azure::decode
