// The small pieces every JSON writer is built from (the incident report in the core; the CLI's json
// output, the server's replies, the access log and MCP in the hosts): one writer type and one way to
// write a key, a string and a member.
#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tinkr::json {

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
/// An absent value is null.
void write_number_member(JsonWriter& w, std::string_view key, const std::optional<double>& value);
void write_bool_member(JsonWriter& w, std::string_view key, bool value);
void write_string_array_member(JsonWriter& w, std::string_view key, const std::vector<std::string>& values);

}  // namespace tinkr::json
