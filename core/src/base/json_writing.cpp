// See json_writing.hpp.
#include "tinkr/json_writing.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace tinkr::json {
namespace {

// The letter rapidjson writes after a backslash for a byte a JSON string cannot hold as it is ('u' for
// \u00XX), 0 for a byte written as it is (bytes from 0x80 included: the text is taken as UTF-8).
constexpr std::array<char, 256> kEscapeLetter = [] {
  std::array<char, 256> letters{};
  for (std::size_t byte = 0; byte < 0x20; ++byte) letters[byte] = 'u';
  letters['\b'] = 'b';
  letters['\t'] = 't';
  letters['\n'] = 'n';
  letters['\f'] = 'f';
  letters['\r'] = 'r';
  letters['"'] = '"';
  letters['\\'] = '\\';
  return letters;
}();

char escape_letter(char byte) {
  return kEscapeLetter[static_cast<unsigned char>(byte)];
}

// Whether any of eight bytes is below 0x20, a quote or a backslash (the bytes escape_letter names), by
// the bit tricks of "Bit Twiddling Hacks" (haszero, hasless): exact for "any", which is all we ask.
bool needs_escape(uint64_t chunk) {
  constexpr uint64_t kOnes = 0x0101010101010101u;
  constexpr uint64_t kHighs = 0x8080808080808080u;
  auto has_zero = [](uint64_t v) { return (v - kOnes) & ~v & kHighs; };
  const uint64_t below_space = (chunk - kOnes * 0x20) & ~chunk & kHighs;
  return (below_space | has_zero(chunk ^ (kOnes * '"')) | has_zero(chunk ^ (kOnes * '\\'))) != 0;
}

#if defined(__SSE2__)
// Whether any of sixteen bytes is below 0x20, a quote or a backslash: the same question for twice the
// bytes in about the instructions one word takes (every x86-64 processor has SSE2).
bool needs_escape(__m128i chunk) {
  const __m128i last_control = _mm_set1_epi8(0x1F);
  const __m128i below_space = _mm_cmpeq_epi8(_mm_max_epu8(chunk, last_control), last_control);
  const __m128i quote = _mm_cmpeq_epi8(chunk, _mm_set1_epi8('"'));
  const __m128i backslash = _mm_cmpeq_epi8(chunk, _mm_set1_epi8('\\'));
  return _mm_movemask_epi8(_mm_or_si128(below_space, _mm_or_si128(quote, backslash))) != 0;
}
#endif

// One to eight bytes as one word for needs_escape, read without going past them and built in registers
// (a word put together in memory by smaller stores stalls the load that reads it back): from four
// bytes up, two overlapping four-byte loads (middle bytes seen twice); under four, the first, middle
// and last byte, the rest spaces, which need no escape.
uint64_t short_run(const char* bytes, std::size_t count) {
  if (count >= 4) {
    uint32_t first, last;
    std::memcpy(&first, bytes, 4);
    std::memcpy(&last, bytes + count - 4, 4);
    return first | (uint64_t{last} << 32);
  }
  const auto at = [bytes](std::size_t i) { return uint64_t{static_cast<unsigned char>(bytes[i])}; };
  return at(0) | (at(count / 2) << 8) | (at(count - 1) << 16) | 0x2020202020000000u;
}

// Copies one to seven bytes as short_run reads them, by moves of fixed size rather than a call to
// memcpy (most strings in a record end in such a run).
void copy_short_run(char* to, const char* from, std::size_t count) {
  if (count >= 4) {
    std::memcpy(to, from, 4);
    std::memcpy(to + count - 4, from + count - 4, 4);
    return;
  }
  to[0] = from[0];
  to[count / 2] = from[count / 2];
  to[count - 1] = from[count - 1];
}

}  // namespace

void append_escaped(rapidjson::StringBuffer& buffer, std::string_view text) {
  static constexpr char kHexDigits[] = "0123456789ABCDEF";
  // Room for the worst case (every byte as \u00XX, and the quotes), as rapidjson reserves; the
  // unused end is given back below.
  const std::size_t room = 2 + text.size() * 6;
  char* const start = buffer.Push(room);
  char* out = start;
  *out++ = '"';
  const char* byte = text.data();
  const char* const end = byte + text.size();
  // Sixteen or eight bytes at once while none of them needs escaping (the usual case), else one byte.
  // Fewer than eight left (all of a short key) are checked at once too.
  while (byte != end) {
    const auto left = static_cast<std::size_t>(end - byte);
#if defined(__SSE2__)
    if (left >= 16) {
      const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(byte));
      if (!needs_escape(chunk)) {
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out), chunk);
        out += 16;
        byte += 16;
        continue;
      }
    }
#endif
    if (left >= 8) {
      uint64_t chunk;
      std::memcpy(&chunk, byte, 8);
      if (!needs_escape(chunk)) {
        std::memcpy(out, byte, 8);
        out += 8;
        byte += 8;
        continue;
      }
    } else if (!needs_escape(short_run(byte, left))) {
      copy_short_run(out, byte, left);
      out += left;
      break;
    }
    const char letter = escape_letter(*byte);
    if (letter == 0) {
      *out++ = *byte++;
      continue;
    }
    *out++ = '\\';
    *out++ = letter;
    if (letter == 'u') {
      *out++ = '0';
      *out++ = '0';
      *out++ = kHexDigits[static_cast<unsigned char>(*byte) >> 4];
      *out++ = kHexDigits[static_cast<unsigned char>(*byte) & 0xF];
    }
    ++byte;
  }
  *out++ = '"';
  buffer.Pop(room - static_cast<std::size_t>(out - start));
}

bool needs_no_escape(std::string_view text) {
  return std::none_of(text.begin(), text.end(), [](char byte) { return escape_letter(byte) != 0; });
}

bool JsonWriter::String(const char* text, rapidjson::SizeType length, bool /*copy*/) {
  Prefix(rapidjson::kStringType);
  append_escaped(*os_, {text, length});
  return EndValue(true);
}

bool JsonWriter::RawValue(const char* json, std::size_t length, rapidjson::Type type) {
  Prefix(type);
  std::copy(json, json + length, os_->Push(length));
  return EndValue(true);
}

void write_key(JsonWriter& w, std::string_view key) {
  w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
}

void write_string(JsonWriter& w, std::string_view value) {
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void write_string_member(JsonWriter& w, std::string_view key, std::string_view value) {
  write_key(w, key);
  write_string(w, value);
}

void write_int_member(JsonWriter& w, std::string_view key, int64_t value) {
  write_key(w, key);
  w.Int64(value);
}

void write_number_member(JsonWriter& w, std::string_view key, double value) {
  write_key(w, key);
  w.Double(value);
}

void write_number_member(JsonWriter& w, std::string_view key, const std::optional<double>& value) {
  write_key(w, key);
  if (value)
    w.Double(*value);
  else
    w.Null();
}

void write_bool_member(JsonWriter& w, std::string_view key, bool value) {
  write_key(w, key);
  w.Bool(value);
}

void write_string_array_member(JsonWriter& w, std::string_view key, const std::vector<std::string>& values) {
  write_key(w, key);
  w.StartArray();
  for (const auto& value : values) write_string(w, value);
  w.EndArray();
}

}  // namespace tinkr::json
