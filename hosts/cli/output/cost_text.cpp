// Formatting a query's cost; see cost_text.hpp.
#include "output/cost_text.hpp"

#include <rapidjson/document.h>

#include <cstdint>
#include <cstdio>
#include <optional>

namespace tinkr::cli {

namespace {

std::optional<int64_t> member(const rapidjson::Value& object, const char* key) {
  if (!object.HasMember(key) || !object[key].IsInt64()) return std::nullopt;
  return object[key].GetInt64();
}

std::string with_commas(int64_t value) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3)
    digits.insert(static_cast<std::size_t>(i), ",");
  return value < 0 ? "-" + digits : digits;
}

std::string bytes_text(int64_t bytes) {
  const char* units[] = {"B", "KB", "MB", "GB", "TB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1000 && unit < 4) {
    value /= 1000;
    ++unit;
  }
  char text[32];
  std::snprintf(text, sizeof text, unit == 0 ? "%.0f %s" : "%.1f %s", value, units[unit]);
  return text;
}

std::string percent_of(int64_t part, int64_t whole) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f%%",
                whole > 0 ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0);
  return text;
}

}  // namespace

std::string describe_cost(std::string_view statistics_json) {
  rapidjson::Document doc;
  doc.Parse(statistics_json.data(), statistics_json.size());
  if (doc.HasParseError() || !doc.IsObject()) return {};
  std::string out;
  auto add = [&out](const std::string& part) { out += (out.empty() ? "" : ", ") + part; };
  // A Basic or Auxiliary table's query is billed per GB scanned: the bill comes first.
  if (auto billed = member(doc, "billed_bytes");
      billed && doc.HasMember("billed_plan") && doc["billed_plan"].IsString() &&
      doc.HasMember("billed_table") && doc["billed_table"].IsString())
    add("billed " + bytes_text(*billed) + " scanned (" + doc["billed_plan"].GetString() + " table " +
        doc["billed_table"].GetString() + ", billed per GB scanned)");
  if (auto scanned = member(doc, "data_scanned_bytes")) {
    std::string part = "data scanned " + bytes_text(*scanned);
    if (auto rows = member(doc, "rows_scanned"); rows && *rows > 0)
      part += " (" + with_commas(*rows) + " rows)";
    add(part);
  }
  if (auto cpu = member(doc, "cpu_ns")) {
    char text[48];
    std::snprintf(text, sizeof text, "CPU %.2f s", static_cast<double>(*cpu) / 1e9);
    add(text);
  }
  if (auto rows = member(doc, "rows_returned")) {
    std::string part = with_commas(*rows) + " rows returned";
    const auto largest = member(doc, "largest_answer_rows");
    if (auto cap = member(doc, "row_cap"); cap && largest)
      part += " (largest answer " + percent_of(*largest, *cap) + " of the " + with_commas(*cap) + "-row cap)";
    add(part);
  }
  if (auto bytes = member(doc, "bytes_returned")) {
    std::string part = bytes_text(*bytes);
    const auto largest = member(doc, "largest_answer_bytes");
    if (auto cap = member(doc, "byte_cap"); cap && largest)
      part += " (largest answer " + percent_of(*largest, *cap) + " of the " + bytes_text(*cap) + " cap)";
    add(part);
  }
  if (auto answers = member(doc, "answers"))
    add(with_commas(*answers) + (*answers == 1 ? " answer" : " answers"));
  if (auto cached = member(doc, "cached_answers"); cached && *cached > 0)
    add(with_commas(*cached) + " from the service's cache");
  return out;
}

}  // namespace tinkr::cli
