// YAML (yaml-cpp) read into the config's JSON tree.
#include "config/document.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <charconv>
#include <set>
#include <sstream>

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

/// Thrown for what the config refuses although it is valid YAML; carries where it was found.
struct Refused {
  YAML::Mark mark;
  std::string message;
};

/// Reads the stream's events before yaml-cpp builds a tree: an alias makes the tree a graph (a cycle
/// recurses without end; a few hundred bytes of nested aliases expand to gigabytes), and yaml-cpp's
/// Load keeps the first document and silently drops the rest. A config needs neither.
class ShapeCheck final : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++documents_ > 1)
      throw Refused{mark, "a second YAML document ('---'); a config file holds one document"};
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    throw Refused{mark, "YAML aliases (*name) are not supported in a config; write the value out"};
  }
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
  }
  void OnMapEnd() override {}

 private:
  int documents_ = 0;
};

void check_shape(const std::string& text) {
  std::istringstream input(text);
  YAML::Parser parser(input);
  ShapeCheck check;
  while (parser.HandleNextDocument(check)) {
  }
}

rapidjson::Value convert(const YAML::Node& node, Allocator& allocator) {
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      rapidjson::Value object(rapidjson::kObjectType);
      std::set<std::string> keys;
      for (const auto& entry : node) {
        if (!entry.first.IsScalar()) throw Refused{entry.first.Mark(), "a key must be a plain string"};
        std::string key = entry.first.Scalar();
        // TOML refuses a key given twice; YAML parsers differ (yaml-cpp keeps both), so refuse it too.
        if (!keys.insert(key).second) throw Refused{entry.first.Mark(), "duplicate key '" + key + "'"};
        object.AddMember(string_value(key, allocator), convert(entry.second, allocator), allocator);
      }
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
  const auto where = [&](const YAML::Mark& mark) {
    return "config " + origin + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1) +
           ": ";
  };
  try {
    const std::string source(text);
    check_shape(source);
    const YAML::Node root = YAML::Load(source);
    out.SetObject();
    if (root.IsNull()) return true;  // an empty file is an empty config
    rapidjson::Value converted = convert(root, out.GetAllocator());
    static_cast<rapidjson::Value&>(out) = converted;  // RapidJSON assignment moves
    return true;
  } catch (const Refused& refused) {
    return fail(Error::Code::config, where(refused.mark) + refused.message);
  } catch (const YAML::Exception& e) {
    return fail(Error::Code::config, where(e.mark) + e.msg);
  }
}

}  // namespace tinkr::config::detail
