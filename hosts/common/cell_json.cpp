// Typed JSON values of native table cells (see cell_json.hpp).
#include "common/cell_json.hpp"
#include <tinkr/text.hpp>

#include <rapidjson/reader.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace tinkr::host {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Advances past one or more digits; false when there is none.
bool skip_digits(std::string_view text, std::size_t& i) {
  const std::size_t start = i;
  while (i < text.size() && is_digit(text[i])) ++i;
  return i > start;
}

// RapidJSON's Writer writes a number it was handed as text as a string; this one writes the number.
struct VerbatimNumberWriter : JsonWriter {
  using JsonWriter::JsonWriter;
  bool RawNumber(const char* text, rapidjson::SizeType length, bool) {
    return RawValue(text, length, rapidjson::kNumberType);
  }
};

// A dynamic cell's JSON re-written compact (a value spread over lines must not split NDJSON), its
// numbers exactly as they came: read as doubles, big integers would be rounded, and Debian's
// RapidJSON misreads some (see sdk/json_numbers.hpp). Nothing when the text is not JSON.
// RapidJSON's readers take '\0' for the end of the text: with a NUL inside, what follows it would be
// dropped unseen, so such a cell is not JSON.
std::optional<std::string> compact_json(const std::string& text) {
  if (text.find('\0') != std::string::npos) return std::nullopt;
  rapidjson::StringBuffer buffer;
  VerbatimNumberWriter writer(buffer);
  rapidjson::StringStream input(text.c_str());
  rapidjson::Reader reader;
  if (reader.Parse<rapidjson::kParseNumbersAsStringsFlag>(input, writer).IsError()) return std::nullopt;
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::optional<bool> bool_value(std::string_view text) {
  const std::string name = ascii_lowercase(text);
  if (name == "true" || name == "1") return true;
  if (name == "false" || name == "0") return false;
  return std::nullopt;
}

}  // namespace

CellKind cell_kind(std::string_view column_type) {
  static constexpr std::array<std::string_view, 16> kNumbers = {
      "int",   "long",  "real",   "double",   "float",   "integer", "int8", "int16",
      "int32", "int64", "bigint", "smallint", "tinyint", "number",  "uint", "ulong"};
  const std::string type = ascii_lowercase(column_type);
  if (std::find(kNumbers.begin(), kNumbers.end(), type) != kNumbers.end()) return CellKind::number;
  if (type == "bool" || type == "boolean") return CellKind::boolean;
  if (type == "dynamic" || type == "json") return CellKind::dynamic;
  return CellKind::text;
}

std::vector<CellKind> cell_kinds(const std::vector<Column>& columns) {
  std::vector<CellKind> kinds;
  kinds.reserve(columns.size());
  for (const auto& column : columns) kinds.push_back(cell_kind(column.type));
  return kinds;
}

bool is_json_number(std::string_view text) {
  std::size_t i = 0;
  if (i < text.size() && text[i] == '-') ++i;
  if (i < text.size() && text[i] == '0') {
    ++i;
  } else if (i >= text.size() || !is_digit(text[i]) || !skip_digits(text, i)) {
    return false;
  }
  if (i < text.size() && text[i] == '.' && !skip_digits(text, ++i)) return false;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (!skip_digits(text, i)) return false;
  }
  return i == text.size();
}

void write_cell(JsonWriter& w, CellKind kind, const std::optional<std::string>& cell) {
  if (!cell) {
    w.Null();
    return;
  }
  const std::string& text = *cell;
  switch (kind) {
    case CellKind::number:
      if (is_json_number(text)) {
        w.RawValue(text.data(), text.size(), rapidjson::kNumberType);
        return;
      }
      break;
    case CellKind::boolean:
      if (auto value = bool_value(text)) {
        w.Bool(*value);
        return;
      }
      break;
    case CellKind::dynamic:
      if (auto compact = compact_json(text)) {
        w.RawValue(compact->data(), compact->size(), rapidjson::kObjectType);
        return;
      }
      break;
    case CellKind::text:
      break;
  }
  write_string(w, text);
}

void write_row_array(JsonWriter& w, const std::vector<CellKind>& kinds,
                     const std::vector<std::optional<std::string>>& cells) {
  w.StartArray();
  for (std::size_t i = 0; i < cells.size(); ++i)
    write_cell(w, i < kinds.size() ? kinds[i] : CellKind::text, cells[i]);
  w.EndArray();
}

RowWriter::RowWriter(const std::vector<Column>& columns) : kinds_(cell_kinds(columns)) {
  for (const auto& column : columns)
    keys_.push_back(to_json_text([&](JsonWriter& w) { write_string(w, column.name); }) + ":");
}

void RowWriter::put(std::string_view text) {
  append_raw(buffer_, text);
}

const std::string& RowWriter::key(std::size_t index) {
  while (keys_.size() <= index) keys_.push_back("\"column" + std::to_string(keys_.size() + 1) + "\":");
  return keys_[index];
}

void RowWriter::put_cell(std::size_t index, const std::optional<std::string>& cell) {
  writer_.Reset(buffer_);  // one value at a time, written after what put() wrote
  write_cell(writer_, index < kinds_.size() ? kinds_[index] : CellKind::text, cell);
}

std::string_view RowWriter::object(const std::vector<std::optional<std::string>>& cells) {
  buffer_.Clear();
  put("{");
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) put(",");
    put(key(i));
    put_cell(i, cells[i]);
  }
  put("}");
  return {buffer_.GetString(), buffer_.GetSize()};
}

std::string_view RowWriter::array(const std::vector<std::optional<std::string>>& cells) {
  buffer_.Clear();
  writer_.Reset(buffer_);
  write_row_array(writer_, kinds_, cells);
  return {buffer_.GetString(), buffer_.GetSize()};
}

std::string row_to_json_array(const std::vector<CellKind>& kinds,
                              const std::vector<std::optional<std::string>>& cells) {
  return to_json_text([&](JsonWriter& w) { write_row_array(w, kinds, cells); });
}

std::optional<std::string> cell_from_json(const rapidjson::Value& value) {
  if (value.IsNull()) return std::nullopt;
  if (value.IsString()) return std::string(value.GetString(), value.GetStringLength());
  if (value.IsBool()) return std::string(value.GetBool() ? "true" : "false");
  if (value.IsInt64()) return std::to_string(value.GetInt64());
  if (value.IsUint64()) return std::to_string(value.GetUint64());
  return to_json_text([&](JsonWriter& w) { value.Accept(w); });
}

}  // namespace tinkr::host
