// Reading tool arguments (see arguments.hpp).
#include "mcp/tools/arguments.hpp"

#include "mcp/json_rpc.hpp"

namespace tinkr::mcp {
namespace {

Unexpected bad(std::string_view key, std::string_view expected) {
  return fail(Error::Code::invalid_query,
              "argument '" + std::string(key) + "': expected " + std::string(expected));
}

}  // namespace

Expected<Arguments> Arguments::read(const rapidjson::Value& value,
                                    std::initializer_list<std::string_view> known) {
  if (value.IsNull()) return Arguments(nullptr);
  if (!value.IsObject()) return fail(Error::Code::invalid_query, "the arguments must be a JSON object");
  for (auto it = value.MemberBegin(); it != value.MemberEnd(); ++it) {
    const std::string_view name(it->name.GetString(), it->name.GetStringLength());
    bool found = false;
    for (auto k : known) found = found || k == name;
    if (!found) {
      std::string list;
      for (auto k : known) list += (list.empty() ? "" : ", ") + std::string(k);
      return fail(Error::Code::invalid_query,
                  "unknown argument '" + std::string(name) + "' (this tool takes: " + list + ")");
    }
  }
  return Arguments(&value);
}

const rapidjson::Value* Arguments::member(std::string_view key) const {
  const auto* found = find_member(value_, key);
  return found != nullptr && found->IsNull() ? nullptr : found;
}

Expected<std::string> Arguments::string(std::string_view key, bool required) const {
  const auto* v = member(key);
  if (v == nullptr) {
    if (required) return bad(key, "a string (it is required)");
    return std::string();
  }
  if (!v->IsString()) return bad(key, "a string");
  std::string text(v->GetString(), v->GetStringLength());
  if (required && text.empty()) return bad(key, "a non-empty string");
  return text;
}

Expected<int64_t> Arguments::integer(std::string_view key, int64_t fallback, int64_t min, int64_t max) const {
  const auto* v = member(key);
  if (v == nullptr) return fallback;
  const std::string range = "an integer from " + std::to_string(min) + " to " + std::to_string(max);
  int64_t n = 0;
  if (v->IsInt64()) {
    n = v->GetInt64();
  } else if (v->IsDouble() && v->GetDouble() == static_cast<double>(static_cast<int64_t>(v->GetDouble()))) {
    n = static_cast<int64_t>(v->GetDouble());
  } else {
    return bad(key, range);
  }
  if (n < min || n > max) return bad(key, range + ", got " + std::to_string(n));
  return n;
}

Expected<bool> Arguments::boolean(std::string_view key, bool fallback) const {
  const auto* v = member(key);
  if (v == nullptr) return fallback;
  if (!v->IsBool()) return bad(key, "true or false");
  return v->GetBool();
}

Expected<std::vector<std::string>> Arguments::strings(std::string_view key, bool required,
                                                      std::size_t max_items) const {
  const auto* v = member(key);
  std::vector<std::string> out;
  if (v == nullptr) {
    if (required) return bad(key, "an array of strings (it is required)");
    return out;
  }
  if (v->IsString()) {
    out.emplace_back(v->GetString(), v->GetStringLength());
  } else if (v->IsArray()) {
    for (const auto& item : v->GetArray()) {
      if (!item.IsString()) return bad(key, "an array of strings");
      out.emplace_back(item.GetString(), item.GetStringLength());
    }
  } else {
    return bad(key, "an array of strings");
  }
  if (required && out.empty()) return bad(key, "at least one string");
  if (max_items != 0 && out.size() > max_items)
    return bad(key, "at most " + std::to_string(max_items) + " items, got " + std::to_string(out.size()));
  return out;
}

}  // namespace tinkr::mcp
