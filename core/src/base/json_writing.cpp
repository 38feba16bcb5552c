// See json_writing.hpp.
#include "tinkr/json_writing.hpp"

#include <algorithm>
#include <array>

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

}  // namespace

bool JsonWriter::String(const char* text, rapidjson::SizeType length, bool /*copy*/) {
  static constexpr char kHexDigits[] = "0123456789ABCDEF";
  Prefix(rapidjson::kStringType);
  // Room for the worst case (every byte as \u00XX, and the quotes), as rapidjson reserves; the
  // unused end is given back below.
  const std::size_t room = 2 + std::size_t{length} * 6;
  char* const start = os_->Push(room);
  char* out = start;
  *out++ = '"';
  const char* const end = text + length;
  for (const char* run = text;;) {
    const char* const special = std::find_if(run, end, escape_letter);
    out = std::copy(run, special, out);
    if (special == end) break;
    const auto byte = static_cast<unsigned char>(*special);
    *out++ = '\\';
    *out++ = kEscapeLetter[byte];
    if (kEscapeLetter[byte] == 'u') {
      *out++ = '0';
      *out++ = '0';
      *out++ = kHexDigits[byte >> 4];
      *out++ = kHexDigits[byte & 0xF];
    }
    run = special + 1;
  }
  *out++ = '"';
  os_->Pop(room - static_cast<std::size_t>(out - start));
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
