// The small pieces every JSON writer of the hosts is built from (the CLI's json output, the server's
// replies, the access log, MCP): one writer type and one way to write a key, a string and a member.
#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace tinkr::host {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

/// What write(JsonWriter&) writes, as compact JSON text.
template <typename Write>
std::string to_json_text(Write&& write) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  write(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

void write_key(JsonWriter& w, std::string_view key);
void write_string(JsonWriter& w, std::string_view value);

void write_string_member(JsonWriter& w, std::string_view key, std::string_view value);
void write_int_member(JsonWriter& w, std::string_view key, int64_t value);
void write_number_member(JsonWriter& w, std::string_view key, double value);
void write_bool_member(JsonWriter& w, std::string_view key, bool value);

}  // namespace tinkr::host
