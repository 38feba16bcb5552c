// The small pieces every JSON writer is built from (the incident report in the core; the CLI's json
// output, the server's replies, the access log and MCP in the hosts): one writer type and one way to
// write a key, a string and a member.
#pragma once

#include <rapidjson/internal/itoa.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cassert>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tinkr::json {

/// Appends text as a JSON string, quotes and escapes included, copying sixteen or eight bytes at a
/// time while none needs escaping.
void append_escaped(rapidjson::StringBuffer& out, std::string_view text);

/// Whether text holds no byte JSON escapes (a quote, a backslash, a control character).
bool needs_no_escape(std::string_view text);

class JsonWriter;

/// The members of one object, each "key": value written straight into the text, without the writer's
/// bookkeeping for every key and every value (its level stack, commas and colons): a record's dozen
/// members written this way took 23% fewer instructions from each of tinkr-server's 100-record
/// replies (issue 15). Keys are the caller's own names, which need no escaping. Made by
/// JsonWriter::Object, valid inside its call.
class JsonMembers {
 public:
  explicit JsonMembers(rapidjson::StringBuffer& out) : out_(out) {}

  /// A string value that needs no escaping (a time this program formatted, a fixed word).
  void plain(std::string_view key, std::string_view value) {
    plain_written(key, value.size(), [value](char* at) {
      std::memcpy(at, value.data(), value.size());
      return at + value.size();
    });
  }
  /// A string value that needs no escaping, written in place by write(char* at), which writes at most
  /// max_size bytes and returns where they end (a time formatted straight into the reply's text).
  template <class Write>
  void plain_written(std::string_view key, std::size_t max_size, Write&& write) {
    char* const at = put_key(key, max_size + 2);
    at[0] = '"';
    char* const end = write(at + 1);
    assert(end <= at + 1 + max_size && "JsonMembers::plain_written wrote more than max_size");
    assert(needs_no_escape({at + 1, static_cast<std::size_t>(end - at - 1)}) &&
           "JsonMembers::plain(_written) given text that needs escaping: use string");
    *end = '"';
    out_.Pop(max_size + 1 - static_cast<std::size_t>(end - at));
  }
  void string(std::string_view key, std::string_view value) {
    put_key(key, 0);
    append_escaped(out_, value);
  }
  void int64(std::string_view key, int64_t value) {
    constexpr std::size_t kMostDigits = 21;  // a sign and 20 digits
    char* const at = put_key(key, kMostDigits);
    const char* const end = rapidjson::internal::i64toa(value, at);  // the digits Writer::Int64 writes
    out_.Pop(kMostDigits - static_cast<std::size_t>(end - at));
  }
  void boolean(std::string_view key, bool value) { raw(key, value ? "true" : "false"); }
  /// JSON text written as it is.
  void raw(std::string_view key, std::string_view json) {
    std::memcpy(put_key(key, json.size()), json.data(), json.size());
  }
  /// A value written by write(JsonWriter&), for an array or object nested in the member.
  template <class Write>
  void value(std::string_view key, Write&& write);

 private:
  friend class JsonWriter;  // Object() opens and closes what the members write

  // The object's opening brace when no member was written (the first member writes it otherwise).
  void open_if_empty() {
    if (!any_) out_.Put('{');
  }

  // Writes what goes before the member's value ('{' before the first, ',' before the others, then
  // "key":) and room for value_size more bytes; returns where that room starts.
  char* put_key(std::string_view key, std::size_t value_size) {
    assert(needs_no_escape(key));
    char* const at = out_.Push(key.size() + 4 + value_size);
    at[0] = any_ ? ',' : '{';
    at[1] = '"';
    std::memcpy(at + 2, key.data(), key.size());
    at[key.size() + 2] = '"';
    at[key.size() + 3] = ':';
    any_ = true;
    return at + key.size() + 4;
  }

  rapidjson::StringBuffer& out_;
  bool any_ = false;
};

/// rapidjson's writer, writing the same text, with strings and raw values copied in runs: rapidjson 1.1
/// moves each byte of a string through its transcoder and each byte of a raw value on its own, which
/// was the largest cost of a tinkr-server reply (issue 15: about a fifth of the server's CPU for 100
/// log records). Hides the base's String, Key and RawValue, so that template code given a JsonWriter
/// (Value::Accept) uses these too.
class JsonWriter : public rapidjson::Writer<rapidjson::StringBuffer> {
 public:
  using Writer::Writer;

  /// An object whose members write_members(JsonMembers&) writes, as a value where the writer is.
  template <class WriteMembers>
  bool Object(WriteMembers&& write_members) {
    Prefix(rapidjson::kObjectType);
    JsonMembers members(*os_);
    write_members(members);
    members.open_if_empty();
    os_->Put('}');
    return EndValue(true);
  }

  bool String(const char* text, rapidjson::SizeType length, bool copy = false);
  bool String(const char* text) { return String(text, static_cast<rapidjson::SizeType>(std::strlen(text))); }
  bool Key(const char* text, rapidjson::SizeType length, bool copy = false) {
    return String(text, length, copy);
  }
  bool Key(const char* text) { return String(text); }
  bool RawValue(const char* json, std::size_t length, rapidjson::Type type);
};

template <class Write>
void JsonMembers::value(std::string_view key, Write&& write) {
  put_key(key, 0);
  JsonWriter nested(out_);  // a writer of its own: the outer one's state knows nothing of this member
  write(nested);
}

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
