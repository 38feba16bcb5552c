// YAML (yaml-cpp) read into the config's JSON tree.
#include "config/document.hpp"

#include <yaml-cpp/yaml.h>

#include <charconv>

namespace tinkr::config::detail {
namespace {

using Allocator = rapidjson::Document::AllocatorType;

rapidjson::Value string_value(const std::string& text, Allocator& allocator) {
  return rapidjson::Value(text.data(), static_cast<rapidjson::SizeType>(text.size()), allocator);
}

/// A plain (unquoted) scalar typed by YAML 1.2's core schema.
rapidjson::Value plain_scalar(const std::string& text, Allocator& allocator) {
  if (text == "~" || text == "null" || text == "Null" || text == "NULL") return rapidjson::Value();
  if (text == "true" || text == "True" || text == "TRUE") return rapidjson::Value(true);
  if (text == "false" || text == "False" || text == "FALSE") return rapidjson::Value(false);
  const char* begin = text.data();
  const char* end = begin + text.size();
  int64_t integer = 0;
  if (auto [stop, ec] = std::from_chars(begin + (text.starts_with('+') ? 1 : 0), end, integer);
      ec == std::errc() && stop == end)
    return rapidjson::Value(integer);
  double real = 0;
  if (auto [stop, ec] = std::from_chars(begin, end, real); ec == std::errc() && stop == end && !text.empty())
    return rapidjson::Value(real);
  return string_value(text, allocator);
}

rapidjson::Value convert(const YAML::Node& node, Allocator& allocator) {
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      rapidjson::Value object(rapidjson::kObjectType);
      for (const auto& entry : node)
        object.AddMember(string_value(entry.first.as<std::string>(), allocator),
                         convert(entry.second, allocator), allocator);
      return object;
    }
    case YAML::NodeType::Sequence: {
      rapidjson::Value items(rapidjson::kArrayType);
      for (const auto& child : node) items.PushBack(convert(child, allocator), allocator);
      return items;
    }
    case YAML::NodeType::Scalar:
      // yaml-cpp tags quoted scalars "!" and plain ones "?": only plain ones are typed.
      if (node.Tag() == "!") return string_value(node.Scalar(), allocator);
      return plain_scalar(node.Scalar(), allocator);
    default:
      return rapidjson::Value();
  }
}

}  // namespace

Expected<bool> yaml_to_json(std::string_view text, const std::string& origin, rapidjson::Document& out) {
  try {
    const YAML::Node root = YAML::Load(std::string(text));
    out.SetObject();
    if (root.IsNull()) return true;  // an empty file is an empty config
    rapidjson::Value converted = convert(root, out.GetAllocator());
    static_cast<rapidjson::Value&>(out) = converted;  // RapidJSON assignment moves
    return true;
  } catch (const YAML::Exception& e) {
    return fail(Error::Code::config, "config " + origin + ":" + std::to_string(e.mark.line + 1) + ":" +
                                         std::to_string(e.mark.column + 1) + ": " + e.msg);
  }
}

}  // namespace tinkr::config::detail
