// The small pieces every JSON writer is built from (the incident report in the core; the CLI's json
// output, the server's replies, the access log and MCP in the hosts): one writer type and one way to
// write a key, a string and a member.
#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tinkr::json {

/// rapidjson's writer, writing the same text, with strings and raw values copied in runs: rapidjson 1.1
/// moves each byte of a string through its transcoder and each byte of a raw value on its own, which
/// was the largest cost of a tinkr-server reply (issue 15: about a fifth of the server's CPU for 100
/// log records). Hides the base's String, Key and RawValue, so that template code given a JsonWriter
/// (Value::Accept) uses these too.
class JsonWriter : public rapidjson::Writer<rapidjson::StringBuffer> {
 public:
  using Writer::Writer;

  bool String(const char* text, rapidjson::SizeType length, bool copy = false);
  bool String(const char* text) { return String(text, static_cast<rapidjson::SizeType>(std::strlen(text))); }
  bool Key(const char* text, rapidjson::SizeType length, bool copy = false) {
    return String(text, length, copy);
  }
  bool Key(const char* text) { return String(text); }
  bool RawValue(const char* json, std::size_t length, rapidjson::Type type);
  /// A string or key known to hold no byte JSON escapes (a record field's name, a time this program
  /// formatted, a fixed word), copied as it is without the scan String makes.
  bool PlainString(std::string_view text);
};

/// What write(JsonWriter&) writes, as compact JSON text.
template <typename Write>
std::string to_json_text(Write&& write) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  write(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

/// Appends text to a buffer as it is (JSON already written, or the punctuation between such pieces).
inline void append_raw(rapidjson::StringBuffer& buffer, std::string_view text) {
  std::memcpy(buffer.Push(text.size()), text.data(), text.size());
}

void write_key(JsonWriter& w, std::string_view key);
void write_string(JsonWriter& w, std::string_view value);

void write_string_member(JsonWriter& w, std::string_view key, std::string_view value);
void write_int_member(JsonWriter& w, std::string_view key, int64_t value);
void write_number_member(JsonWriter& w, std::string_view key, double value);
/// An absent value is null.
void write_number_member(JsonWriter& w, std::string_view key, const std::optional<double>& value);
void write_bool_member(JsonWriter& w, std::string_view key, bool value);
void write_string_array_member(JsonWriter& w, std::string_view key, const std::vector<std::string>& values);

}  // namespace tinkr::json
