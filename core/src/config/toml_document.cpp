// TOML (toml++) read into the config's JSON tree.
#include "config/document.hpp"

#include <toml++/toml.h>

#include <sstream>

namespace tinkr::config::detail {
namespace {

using Allocator = rapidjson::Document::AllocatorType;

rapidjson::Value string_value(std::string_view text, Allocator& allocator) {
  return rapidjson::Value(text.data(), static_cast<rapidjson::SizeType>(text.size()), allocator);
}

template <typename T>
rapidjson::Value printed(const T& value, Allocator& allocator) {
  std::ostringstream out;
  out << value;
  return string_value(out.str(), allocator);
}

rapidjson::Value convert(const toml::node& node, Allocator& allocator) {
  if (const auto* table = node.as_table()) {
    rapidjson::Value object(rapidjson::kObjectType);
    for (const auto& [key, child] : *table)
      object.AddMember(string_value(key.str(), allocator), convert(child, allocator), allocator);
    return object;
  }
  if (const auto* array = node.as_array()) {
    rapidjson::Value items(rapidjson::kArrayType);
    for (const auto& child : *array) items.PushBack(convert(child, allocator), allocator);
    return items;
  }
  if (const auto* text = node.as_string()) return string_value(text->get(), allocator);
  if (const auto* integer = node.as_integer()) return rapidjson::Value(static_cast<int64_t>(integer->get()));
  if (const auto* real = node.as_floating_point()) return rapidjson::Value(real->get());
  if (const auto* boolean = node.as_boolean()) return rapidjson::Value(boolean->get());
  if (const auto* date = node.as_date()) return printed(date->get(), allocator);
  if (const auto* time = node.as_time()) return printed(time->get(), allocator);
  if (const auto* date_time = node.as_date_time()) return printed(date_time->get(), allocator);
  return rapidjson::Value();
}

}  // namespace

Expected<bool> toml_to_json(std::string_view text, const std::string& origin, rapidjson::Document& out) {
  try {
    const toml::table table = toml::parse(text, origin);
    out.SetObject();
    rapidjson::Value root = convert(table, out.GetAllocator());
    static_cast<rapidjson::Value&>(out) = root;  // RapidJSON assignment moves
    return true;
  } catch (const toml::parse_error& e) {
    const auto& where = e.source().begin;
    return fail(Error::Code::config, "config " + origin + ":" + std::to_string(where.line) + ":" +
                                         std::to_string(where.column) + ": " + std::string(e.description()));
  }
}

}  // namespace tinkr::config::detail
