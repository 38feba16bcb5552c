// See json_writing.hpp.
#include "tinkr/json_writing.hpp"

namespace tinkr::json {

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
