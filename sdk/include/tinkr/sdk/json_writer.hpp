// tinkr/sdk/json_writer.hpp: the small, fast JSON writer the IR is serialised with (ir_json.hpp).
#pragma once

#include <rapidjson/rapidjson.h>

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

namespace tinkr::ir::json_detail {

/// The number of decimal digits of u (1 for 0).
inline unsigned decimal_length(uint64_t u) {
  static constexpr auto kPowersOfTen = [] {
    std::array<uint64_t, 20> powers{};
    uint64_t power = 1;
    for (auto& p : powers) {
      p = power;
      power *= 10;  // wraps once, after 10^19, where nothing reads it
    }
    return powers;
  }();
  // bit_width(u) * 1233 / 4096 (1233 / 4096 is log10(2) to four places) is the length or one less.
  // `| 1` keeps 0 at one digit and never changes a length: every power of ten from 10 up is even.
  const uint64_t v = u | 1;
  const unsigned guess = static_cast<unsigned>(std::bit_width(v)) * 1233 >> 12;
  return guess + (v >= kPowersOfTen[guess] ? 1 : 0);
}

/// Writes u's decimal digits so that they end just before `end`; the caller has sized the room with
/// decimal_length(u). Two digits per step from a table, and in 32-bit arithmetic for all but the
/// splitting of 64-bit values into blocks of eight digits: a timestamp in nanoseconds has 19 digits,
/// and the IR carries two per query.
inline void write_decimal_backward(char* end, uint64_t u) {
  static constexpr auto kPairs = [] {
    std::array<char, 200> pairs{};
    for (int i = 0; i < 100; ++i) {
      pairs[2 * i] = static_cast<char>('0' + i / 10);
      pairs[2 * i + 1] = static_cast<char>('0' + i % 10);
    }
    return pairs;
  }();
  auto put_pair = [&end](uint32_t two_digits) {
    end -= 2;
    std::memcpy(end, kPairs.data() + 2 * two_digits, 2);
  };
  while (u >= 100'000'000) {
    const uint64_t high = u / 100'000'000;
    auto low = static_cast<uint32_t>(u - high * 100'000'000);
    for (int i = 0; i < 4; ++i) {  // exactly eight digits, zeros included
      put_pair(low % 100);
      low /= 100;
    }
    u = high;
  }
  auto rest = static_cast<uint32_t>(u);
  while (rest >= 100) {
    put_pair(rest % 100);
    rest /= 100;
  }
  if (rest >= 10) {
    put_pair(rest);
  } else {
    *--end = static_cast<char>('0' + rest);
  }
}

/// A JSON writer with the part of rapidjson::Writer's interface the IR needs, appending straight to
/// a std::string. The IR is serialised on every query, so the writer works between two pointers into
/// spare room it keeps at the end of the string (finish() trims it): each piece is one bounds check
/// and a copy, numbers are formatted in place, keys the IR spells itself skip the escaping scan.
class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {
    const std::size_t written = out_.size();
    out_.resize(std::max(out_.capacity(), written + kMinimumRoom));
    cursor_ = out_.data() + written;
    end_ = out_.data() + out_.size();
  }
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  /// Cuts the string back to what was written; call once, after the last piece.
  void finish() { out_.resize(static_cast<std::size_t>(cursor_ - out_.data())); }

  void StartObject() { open('{'); }
  void EndObject() { close('}'); }
  void StartArray() { open('['); }
  void EndArray() { close(']'); }
  void Key(const char* s, rapidjson::SizeType n) {
    String(s, n);
    put(':');
    after_key_ = true;
  }
  /// A key known to need no escaping (the IR's own member names).
  [[gnu::always_inline]] void PlainKey(std::string_view key) {
    char* at = piece(key.size() + 3);
    at[0] = '"';
    std::memcpy(at + 1, key.data(), key.size());
    at[key.size() + 1] = '"';
    at[key.size() + 2] = ':';
    after_key_ = true;
  }
  /// A string known to need no escaping (the IR's own names).
  void PlainString(std::string_view s) {
    char* at = piece(s.size() + 2);
    at[0] = '"';
    std::memcpy(at + 1, s.data(), s.size());
    at[s.size() + 1] = '"';
  }
  void String(const char* s, rapidjson::SizeType n) { quoted_at(piece(std::size_t{n} + 2), s, n); }
  void Int(int v) { Int64(v); }
  void Int64(int64_t v) {
    const Decimal d = decimal_of(v);
    d.write(piece(d.length));
  }
  void Double(double v) {
    separate();
    RawDouble(v);
  }
  void Bool(bool v) {
    const std::string_view text = v ? std::string_view("true") : std::string_view("false");
    std::memcpy(piece(text.size()), text.data(), text.size());
  }

  // Unpunctuated output, for a caller that knows where every comma and colon goes (the IR's own
  // serialiser): constant runs such as `,"op":"` are then one copy each, with no separator state.
  /// Text that is valid JSON as it stands (punctuation, keys, names).
  template <std::size_t N>
  [[gnu::always_inline]] void Raw(const char (&text)[N]) {
    std::memcpy(room(N - 1), text, N - 1);
  }
  void Raw(std::string_view text) { std::memcpy(room(text.size()), text.data(), text.size()); }
  /// A quoted string, escaped as String() escapes it.
  void RawString(std::string_view s) { quoted_at(room(s.size() + 2), s.data(), s.size()); }
  void RawInt64(int64_t v) {
    const Decimal d = decimal_of(v);
    d.write(room(d.length));
  }
  void RawDouble(double v) {
    if (!std::isfinite(v)) {  // JSON has no NaN or infinity: they travel as text, as the reader keeps them
      RawString(std::isnan(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
      return;
    }
    char buffer[32];
    auto end = std::to_chars(buffer, buffer + sizeof buffer, v).ptr;  // shortest form that round-trips
    const std::string_view text(buffer, static_cast<std::size_t>(end - buffer));
    put(text);
    // Keep it a double when read back: "2" would come back as an integer.
    if (text.find_first_of(".eE") == std::string_view::npos) put(".0");
  }
  void RawBool(bool v) {
    if (v) {
      Raw("true");
    } else {
      Raw("false");
    }
  }

 private:
  static constexpr std::size_t kMinimumRoom = 256;

  /// An integer's magnitude and printed length, so that its room is taken before its digits are
  /// written.
  struct Decimal {
    uint64_t magnitude;
    unsigned length;  // with the sign
    /// Writes the number into exactly `length` characters at `at`.
    void write(char* at) const {
      *at = '-';  // overwritten by the first digit when not negative
      write_decimal_backward(at + length, magnitude);
    }
  };
  static Decimal decimal_of(int64_t v) {
    const bool negative = v < 0;
    // Negated as unsigned: -INT64_MIN does not fit an int64_t.
    const uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
    return {magnitude, decimal_length(magnitude) + (negative ? 1 : 0)};
  }

  /// Writes s quoted and escaped at `at`, which has room for n + 2 characters (all a clean string
  /// takes: most need no escaping at all).
  void quoted_at(char* at, const char* s, std::size_t n) {
    *at++ = '"';
    const std::size_t clean = copy_until_escape(at, s, n);
    if (clean == n) {
      at[n] = '"';
      return;
    }
    cursor_ = at + clean;  // give back the room after the clean part; the rest is written escaped
    append_escaped(std::string_view(s + clean, n - clean));
    put('"');
  }

  /// Room for n more characters at the end of what was written; the caller fills all n.
  char* room(std::size_t n) {
    if (static_cast<std::size_t>(end_ - cursor_) < n) grow(n);
    char* at = cursor_;
    cursor_ += n;
    return at;
  }
  [[gnu::noinline]] void grow(std::size_t n) {
    const auto written = static_cast<std::size_t>(cursor_ - out_.data());
    out_.resize(std::max(out_.size() * 2, written + n));
    cursor_ = out_.data() + written;
    end_ = out_.data() + out_.size();
  }
  void put(char c) { *room(1) = c; }
  void put(std::string_view s) { std::memcpy(room(s.size()), s.data(), s.size()); }

  /// Room for a value, key or opening bracket of n >= 1 characters, after the comma one is due. The comma
  /// goes in the same room: one bounds check per piece.
  char* piece(std::size_t n) {
    const std::size_t comma = need_comma_ && !after_key_ ? 1 : 0;
    after_key_ = false;
    need_comma_ = true;
    char* at = room(n + comma);
    *at = ',';  // the piece's first character when no comma is due
    return at + comma;
  }
  void separate() {
    if (after_key_) {
      after_key_ = false;
    } else if (need_comma_) {
      put(',');
    }
    need_comma_ = true;
  }
  void open(char c) {
    *piece(1) = c;
    need_comma_ = false;
  }
  void close(char c) {
    put(c);
    need_comma_ = true;
  }

  static constexpr bool needs_escape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

  /// Copies s to `to` up to the first character that needs escaping; returns how many it copied.
  /// Eight bytes at a time: a word is tested for a control character, '"' or '\' with the
  /// bit tricks of "Determine if a word has a byte less than n" (Sean Anderson's Bit Twiddling
  /// Hacks), which are exact as a yes/no answer, then stored whole.
  static std::size_t copy_until_escape(char* to, const char* s, std::size_t n) {
    constexpr uint64_t kOnes = ~uint64_t{0} / 255;
    constexpr uint64_t kHighBits = kOnes * 0x80;
    auto has_byte_below = [](uint64_t word, uint64_t limit) {
      return (word - kOnes * limit) & ~word & kHighBits;
    };
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
      uint64_t word;
      std::memcpy(&word, s + i, 8);
      if (has_byte_below(word, 0x20) | has_byte_below(word ^ (kOnes * '"'), 1) |
          has_byte_below(word ^ (kOnes * '\\'), 1))
        break;
      std::memcpy(to + i, &word, 8);
    }
    for (; i < n; ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (needs_escape(c)) return i;
      to[i] = s[i];
    }
    return n;
  }

  void append_escaped(std::string_view s) {
    static constexpr auto kNeedsEscape = [] {
      std::array<bool, 256> table{};
      for (std::size_t c = 0; c < table.size(); ++c) table[c] = needs_escape(static_cast<unsigned char>(c));
      return table;
    }();
    std::size_t run = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (!kNeedsEscape[c]) continue;
      put(s.substr(run, i - run));
      run = i + 1;
      switch (c) {
        case '"':
          put("\\\"");
          break;
        case '\\':
          put("\\\\");
          break;
        case '\n':
          put("\\n");
          break;
        case '\r':
          put("\\r");
          break;
        case '\t':
          put("\\t");
          break;
        default: {
          char escaped[7];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
          put(std::string_view(escaped, 6));
        }
      }
    }
    put(s.substr(run));
  }

  std::string& out_;
  char* cursor_;  // where the next piece goes
  char* end_;     // of the spare room (out_'s end)
  bool need_comma_ = false;
  bool after_key_ = false;
};

/// Runs body with a writer appending to a fresh string.
template <typename Body>
std::string write_json(Body&& body) {
  std::string text;
  text.reserve(384);
  Writer writer(text);
  body(writer);
  writer.finish();
  return text;
}

}  // namespace tinkr::ir::json_detail
