// tinkr/sdk/json_writer.hpp: the small, fast JSON writer the IR is serialised with (ir_json.hpp).
#pragma once

#include <rapidjson/rapidjson.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

namespace tinkr::ir::json_detail {

/// A JSON writer with the part of rapidjson::Writer's interface the IR needs, appending straight to
/// a std::string. The IR is serialised on every query, so the writer works in spare room it keeps at
/// the end of the string (finish() trims it): each piece is one bounds check and a copy, numbers are
/// formatted in place, keys the IR spells itself skip the escaping scan.
class Writer {
 public:
  explicit Writer(std::string& out) : out_(out), length_(out.size()) {
    out_.resize(std::max(out_.capacity(), length_ + kMinimumRoom));
  }
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  /// Cuts the string back to what was written; call once, after the last piece.
  void finish() { out_.resize(length_); }

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
    separate();
    char* at = room(key.size() + 3);
    at[0] = '"';
    std::memcpy(at + 1, key.data(), key.size());
    at[key.size() + 1] = '"';
    at[key.size() + 2] = ':';
    after_key_ = true;
  }
  void String(const char* s, rapidjson::SizeType n) {
    separate();
    put('"');
    append_escaped(std::string_view(s, n));
    put('"');
  }
  void Int(int v) { Int64(v); }
  void Int64(int64_t v) {
    separate();
    constexpr std::size_t kMaxDigits = 20;  // "-9223372036854775808"
    char* at = room(kMaxDigits);
    length_ -= kMaxDigits - static_cast<std::size_t>(std::to_chars(at, at + kMaxDigits, v).ptr - at);
  }
  void Double(double v) {
    if (!std::isfinite(v)) {  // JSON has no NaN or infinity: they travel as text, as the reader keeps them
      const char* text = std::isnan(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
      String(text, static_cast<rapidjson::SizeType>(std::strlen(text)));
      return;
    }
    separate();
    char buffer[32];
    auto end = std::to_chars(buffer, buffer + sizeof buffer, v).ptr;  // shortest form that round-trips
    const std::string_view text(buffer, static_cast<std::size_t>(end - buffer));
    put(text);
    // Keep it a double when read back: "2" would come back as an integer.
    if (text.find_first_of(".eE") == std::string_view::npos) put(".0");
  }
  void Bool(bool v) {
    separate();
    put(v ? std::string_view("true") : std::string_view("false"));
  }

 private:
  static constexpr std::size_t kMinimumRoom = 256;

  /// Room for n more characters at the end of what was written; the caller fills all n.
  char* room(std::size_t n) {
    if (out_.size() - length_ < n) out_.resize(std::max(out_.size() * 2, length_ + n));
    char* at = out_.data() + length_;
    length_ += n;
    return at;
  }
  void put(char c) { *room(1) = c; }
  void put(std::string_view s) { std::memcpy(room(s.size()), s.data(), s.size()); }

  void separate() {
    if (after_key_) {
      after_key_ = false;
    } else if (need_comma_) {
      put(',');
    }
    need_comma_ = true;
  }
  void open(char c) {
    separate();
    put(c);
    need_comma_ = false;
  }
  void close(char c) {
    put(c);
    need_comma_ = true;
  }

  static constexpr bool needs_escape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

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
  std::size_t length_;  // of the JSON written so far; out_ is longer by the spare room
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
