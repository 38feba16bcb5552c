// describe()'s JSON read into Capabilities. Members this build does not know are ignored (a newer
// plugin may say more); a known member of the wrong type, or an unknown signal or operator, is an
// error naming the member.
#include "tinkr/planner.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

namespace tinkr::planner {
namespace {

Unexpected bad(const std::string& member, const std::string& what) {
  return fail(Error::Code::plugin_abi, "capabilities: '" + member + "' " + what, Error::Source::plugin);
}

std::string_view view(const rapidjson::Value& v) {
  return {v.GetString(), v.GetStringLength()};
}

/// Reads an array of strings into `out` via `convert`, which returns false for a name it does not know.
template <typename Convert>
Expected<bool> read_names(const rapidjson::Value& parent, const char* key, const std::string& path,
                          Convert&& convert) {
  if (!parent.HasMember(key)) return false;
  const auto& items = parent[key];
  if (!items.IsArray()) return bad(path, "must be an array of strings");
  for (rapidjson::SizeType i = 0; i < items.Size(); ++i) {
    if (!items[i].IsString()) return bad(path + "[" + std::to_string(i) + "]", "must be a string");
    if (!convert(view(items[i])))
      return bad(path, "has an unknown name '" + std::string(view(items[i])) + "'");
  }
  return true;
}

Expected<bool> read_flag(const rapidjson::Value& parent, const char* key, bool& out) {
  if (!parent.HasMember(key)) return false;
  if (!parent[key].IsBool()) return bad(std::string("pushdown.") + key, "must be true or false");
  out = parent[key].GetBool();
  return true;
}

/// "exact_field_operators": {"severity": ["ge", "gt"]}: operators exact for one field only.
Expected<bool> read_exact_field_operators(const rapidjson::Value& pushdown, Capabilities& caps) {
  if (!pushdown.HasMember("exact_field_operators")) return false;
  const auto& map = pushdown["exact_field_operators"];
  const std::string path = "pushdown.exact_field_operators";
  if (!map.IsObject()) return bad(path, "must be an object of field -> operators");
  for (auto it = map.MemberBegin(); it != map.MemberEnd(); ++it) {
    const std::string name(view(it->name));
    auto field = ir::canonical_field(name);
    if (!field) return bad(path, "has an unknown field '" + name + "'");
    auto& ops = caps.exact_field_operators[*field];
    auto ok = read_names(map, name.c_str(), path + "." + name, [&ops](std::string_view op_name) {
      auto op = ir::op_from_string(op_name);
      if (op) ops.insert(*op);
      return op.has_value();
    });
    if (!ok) return ok;
    for (auto op : ops)
      if (!caps.operators.contains(op))
        return bad(path + "." + name,
                   "names '" + std::string(ir::to_string(op)) + "', which is not in operators");
  }
  return true;
}

Expected<bool> read_pushdown(const rapidjson::Value& pushdown, Capabilities& caps) {
  if (!pushdown.IsObject()) return bad("pushdown", "must be an object");
  auto fields = read_names(pushdown, "fields", "pushdown.fields", [&](std::string_view name) {
    if (name == "attributes.*" || name == "dimensions.*") {
      caps.fields.emplace(name);
      return true;
    }
    auto canonical = ir::canonical_field(name);
    if (canonical) caps.fields.insert(std::move(*canonical));
    return canonical.has_value();
  });
  if (!fields) return fields;
  auto op_reader = [](OpSet& out) {
    return [&out](std::string_view name) {
      auto op = ir::op_from_string(name);
      if (op) out.insert(*op);
      return op.has_value();
    };
  };
  if (auto ok = read_names(pushdown, "operators", "pushdown.operators", op_reader(caps.operators)); !ok)
    return ok;
  if (auto ok = read_names(pushdown, "exact_operators", "pushdown.exact_operators",
                           op_reader(caps.exact_operators));
      !ok)
    return ok;
  // An operator the backend cannot run at all cannot be exact there either.
  for (auto op : caps.exact_operators)
    if (!caps.operators.contains(op))
      return bad("pushdown.exact_operators",
                 "names '" + std::string(ir::to_string(op)) + "', which is not in operators");
  if (auto ok = read_exact_field_operators(pushdown, caps); !ok) return ok;
  for (auto [key, flag] : {std::pair{"text_search", &caps.text_search}, std::pair{"or", &caps.boolean_or},
                           std::pair{"not", &caps.boolean_not}, std::pair{"order", &caps.order},
                           std::pair{"limit", &caps.limit}})
    if (auto ok = read_flag(pushdown, key, *flag); !ok) return ok;
  if (pushdown.HasMember("max_limit")) {
    if (!pushdown["max_limit"].IsInt64() || pushdown["max_limit"].GetInt64() < 0)
      return bad("pushdown.max_limit", "must be a non-negative integer");
    caps.max_limit = pushdown["max_limit"].GetInt64();
  }
  return true;
}

}  // namespace

Expected<Capabilities> parse_capabilities(std::string_view json) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError())
    return fail(Error::Code::plugin_abi,
                "capabilities: invalid JSON at offset " + std::to_string(doc.GetErrorOffset()) + ": " +
                    rapidjson::GetParseError_En(doc.GetParseError()),
                Error::Source::plugin);
  if (!doc.IsObject()) return bad("$", "must be a JSON object");
  Capabilities caps;
  caps.boolean_or = caps.boolean_not = caps.order = caps.limit = false;
  if (doc.HasMember("name")) {
    if (!doc["name"].IsString()) return bad("name", "must be a string");
    caps.name = std::string(view(doc["name"]));
  }
  if (doc.HasMember("native_language")) {
    if (!doc["native_language"].IsString()) return bad("native_language", "must be a string");
    caps.native_language = std::string(view(doc["native_language"]));
  }
  if (doc.HasMember("metric_percentiles")) {
    if (!doc["metric_percentiles"].IsBool()) return bad("metric_percentiles", "must be true or false");
    caps.metric_percentiles = doc["metric_percentiles"].GetBool();
  }
  auto signals = read_names(doc, "signals", "signals", [&](std::string_view name) {
    auto signal = ir::signal_from_string(name);
    if (signal) caps.signals.insert(*signal);
    return signal.has_value();
  });
  if (!signals) return tl::make_unexpected(signals.error());
  if (!*signals) return bad("signals", "is missing: a backend must name the signals it answers");
  // Signals added after 1.3 are members of their own, not names in signals: a host that predates one
  // ignores it, where an unknown name in signals would fail the plugin's load (docs/plugin-abi.md).
  for (auto signal : {ir::Signal::schema, ir::Signal::log_groups}) {
    const std::string name(ir::to_string(signal));
    if (!doc.HasMember(name.c_str())) continue;
    if (!doc[name.c_str()].IsBool()) return bad(name, "must be true or false");
    if (doc[name.c_str()].GetBool()) caps.signals.insert(signal);
  }
  if (doc.HasMember("pushdown")) {
    if (auto ok = read_pushdown(doc["pushdown"], caps); !ok) return tl::make_unexpected(ok.error());
  }
  return caps;
}

}  // namespace tinkr::planner
