// Error message cleaning; see message_text.hpp.
#include "base/message_text.hpp"

#include <algorithm>

#include "tinkr/redact.hpp"

namespace tinkr::detail {
namespace {

// Enough to hold every byte the kept part of a message can come from, so that a secret is redacted
// whole before the cut; more is never looked at (a 100 KB query must not cost 100 KB of scanning).
constexpr std::size_t kMaxScannedBytes = 4 * kMaxMessageBytes;

// The length of the valid UTF-8 sequence at text[at], or 0 when it is not one (overlong forms,
// surrogates and code points past U+10FFFF are invalid, as in RFC 3629).
std::size_t utf8_length(std::string_view text, std::size_t at) noexcept {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  std::size_t length;
  unsigned char low = 0x80, high = 0xBF;  // the allowed range of the second byte
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (at + length > text.size()) return 0;
  if (byte(at + 1) < low || byte(at + 1) > high) return 0;
  for (std::size_t i = 2; i < length; ++i)
    if (byte(at + i) < 0x80 || byte(at + i) > 0xBF) return 0;
  return length;
}

void append_escaped_byte(std::string& out, unsigned char c) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += "\\x";
  out += kHex[c >> 4];
  out += kHex[c & 0xF];
}

}  // namespace

std::string clean_message(std::string_view text) {
  const std::size_t original_size = text.size();
  const std::string redacted = redact_secrets(text.substr(0, kMaxScannedBytes));
  const std::string_view source = redacted;
  std::string out;
  out.reserve(std::min(source.size(), kMaxMessageBytes) + 32);
  std::size_t at = 0;
  while (at < source.size() && out.size() < kMaxMessageBytes) {
    const auto c = static_cast<unsigned char>(source[at]);
    const std::size_t length = utf8_length(source, at);
    if (length == 0 || (c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) {
      append_escaped_byte(out, c);
      ++at;
    } else {
      out.append(source, at, length);
      at += length;
    }
  }
  if (at < source.size() || original_size > kMaxScannedBytes) {
    // What is left, counted in the original's bytes when the scan stopped early.
    const std::size_t left = original_size > kMaxScannedBytes
                                 ? original_size - kMaxScannedBytes + (source.size() - at)
                                 : source.size() - at;
    out += "... (" + std::to_string(left) + " more bytes)";
  }
  return out;
}

}  // namespace tinkr::detail
