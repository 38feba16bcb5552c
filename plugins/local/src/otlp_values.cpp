// otlp_values.cpp: see otlp_values.hpp. Follows the OTLP/JSON rules of the OpenTelemetry protocol
// specification: int64 fields are decimal strings, ids are hex (not base64), enums may be numbers.
#include "otlp_values.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <initializer_list>

namespace tinkr::local::otlp {

namespace {

std::string_view view(const Json& v) {
  return {v.GetString(), v.GetStringLength()};
}

bool parse_int64(std::string_view text, int64_t& out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size() && !text.empty();
}

}  // namespace

std::string Path::render() const {
  std::string out = parent ? parent->render() : std::string();
  if (!member.empty()) {
    if (!out.empty()) out += '.';
    out += member;
  }
  if (index >= 0) {
    out += '[';
    out += std::to_string(index);
    out += ']';
  }
  return out;
}

void fail(const Path& path, std::string what) {
  throw FieldError{path.render(), std::move(what)};
}

const Json* member(const Json& object, std::string_view name) {
  auto it =
      object.FindMember(rapidjson::StringRef(name.data(), static_cast<rapidjson::SizeType>(name.size())));
  if (it == object.MemberEnd() || it->value.IsNull()) return nullptr;
  return &it->value;
}

const Json* array_member(const Json& object, const Path& path, std::string_view name) {
  const Json* v = member(object, name);
  if (v && !v->IsArray()) fail(path.at(name), "expected an array");
  return v;
}

int64_t read_int64(const Json& object, const Path& path, std::string_view name) {
  const Json* v = member(object, name);
  if (!v) return 0;
  if (v->IsInt64()) return v->GetInt64();
  int64_t out = 0;
  if (v->IsString() && parse_int64(view(*v), out)) return out;
  fail(path.at(name), "expected a decimal string");
}

double read_double(const Json& value, const Path& path) {
  if (value.IsNumber()) return value.GetDouble();
  if (value.IsString()) {
    std::string_view s = view(value);
    if (s == "NaN") return std::nan("");
    if (s == "Infinity") return HUGE_VAL;
    if (s == "-Infinity") return -HUGE_VAL;
    double out = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    if (ec == std::errc() && end == s.data() + s.size() && !s.empty()) return out;
  }
  fail(path, "expected a number");
}

std::string_view read_string(const Json& object, const Path& path, std::string_view name) {
  const Json* v = member(object, name);
  if (!v) return {};
  if (!v->IsString()) fail(path.at(name), "expected a string");
  return view(*v);
}

int read_enum(const Json& object, const Path& path, std::string_view name, std::string_view prefix,
              std::initializer_list<std::string_view> names) {
  const Json* v = member(object, name);
  if (!v) return 0;
  if (v->IsInt() && v->GetInt() >= 0 && static_cast<std::size_t>(v->GetInt()) < names.size())
    return v->GetInt();
  if (v->IsString()) {
    std::string_view s = view(*v);
    if (s.starts_with(prefix)) s.remove_prefix(prefix.size());
    int i = 0;
    for (auto n : names) {
      if (n == s) return i;
      ++i;
    }
  }
  std::string known;
  for (auto n : names) known += (known.empty() ? "" : ", ") + std::string(prefix) + std::string(n);
  fail(path.at(name), "expected 0 to " + std::to_string(names.size() - 1) + " or one of " + known);
}

void read_hex_id(const Json& object, const Path& path, std::string_view name, std::size_t digits,
                 std::string& out) {
  out.clear();
  std::string_view s = read_string(object, path, name);
  if (s.empty()) return;
  bool ok = s.size() == digits;
  for (char c : s) ok = ok && std::isxdigit(static_cast<unsigned char>(c));
  if (!ok) fail(path.at(name), "expected " + std::to_string(digits) + " hex digits");
  out.assign(s);
  for (auto& c : out) c = static_cast<char>(c >= 'A' && c <= 'F' ? c + 32 : c);
}

void write_any_value(JsonWriter& w, const Json& any, const Path& path) {
  if (!any.IsObject()) fail(path, "expected an AnyValue object");
  auto it = any.MemberBegin();
  if (it == any.MemberEnd()) {
    w.Null();  // an empty AnyValue is OTLP's way of saying null
    return;
  }
  std::string_view kind = view(it->name);
  const Json& v = it->value;
  const Path here = path.at(kind);
  if (kind == "stringValue" || kind == "bytesValue") {
    if (!v.IsString()) fail(here, "expected a string");
    w.String(v.GetString(), v.GetStringLength());
  } else if (kind == "boolValue") {
    if (!v.IsBool()) fail(here, "expected true or false");
    w.Bool(v.GetBool());
  } else if (kind == "intValue") {
    int64_t n = 0;
    if (v.IsInt64())
      n = v.GetInt64();
    else if (!v.IsString() || !parse_int64(view(v), n))
      fail(here, "expected a decimal string");
    w.Int64(n);
  } else if (kind == "doubleValue") {
    double d = read_double(v, here);
    if (std::isfinite(d))
      w.Double(d);
    else
      w.Null();  // JSON has no NaN or infinity
  } else if (kind == "arrayValue" || kind == "kvlistValue") {
    if (!v.IsObject()) fail(here, "expected an object with 'values'");
    const Json* values = array_member(v, here, "values");
    if (kind == "kvlistValue") {
      write_attributes(w, values, here.at("values"));
      return;
    }
    w.StartArray();
    if (values)
      for (rapidjson::SizeType i = 0; i < values->Size(); ++i)
        write_any_value(w, (*values)[i], here.at("values", i));
    w.EndArray();
  } else {
    fail(here,
         "unknown AnyValue kind (expected stringValue, boolValue, intValue, doubleValue, arrayValue, "
         "kvlistValue or bytesValue)");
  }
}

void write_attributes(JsonWriter& w, const Json* attributes, const Path& path) {
  w.StartObject();
  if (attributes) {
    if (!attributes->IsArray()) fail(path, "expected an array of {key, value}");
    for (rapidjson::SizeType i = 0; i < attributes->Size(); ++i) {
      const Json& kv = (*attributes)[i];
      const Path here = path.at("", i);
      if (!kv.IsObject()) fail(here, "expected {key, value}");
      const Json* key = member(kv, "key");
      if (!key || !key->IsString()) fail(here.at("key"), "expected a string");
      w.Key(key->GetString(), key->GetStringLength());
      const Json* value = member(kv, "value");
      if (value)
        write_any_value(w, *value, here.at("value"));
      else
        w.Null();
    }
  }
  w.EndObject();
}

void read_body(const Json& any, const Path& path, rapidjson::StringBuffer& buffer, std::string_view& out) {
  if (any.IsObject() && any.MemberCount() == 1 && any.MemberBegin()->name == "stringValue" &&
      any.MemberBegin()->value.IsString()) {
    out = view(any.MemberBegin()->value);
    return;
  }
  buffer.Clear();
  JsonWriter w(buffer);
  write_any_value(w, any, path);
  out = {buffer.GetString(), buffer.GetSize()};
}

std::string attribute_text(const Json* attributes, std::string_view key) {
  if (!attributes || !attributes->IsArray()) return {};
  for (const auto& kv : attributes->GetArray()) {
    if (!kv.IsObject()) continue;
    const Json* k = member(kv, "key");
    const Json* v = member(kv, "value");
    if (!k || !k->IsString() || view(*k) != key || !v || !v->IsObject() || v->MemberCount() != 1) continue;
    const Json& inner = v->MemberBegin()->value;
    if (inner.IsString()) return std::string(view(inner));
    if (inner.IsInt64()) return std::to_string(inner.GetInt64());
  }
  return {};
}

std::string service_name(const Json& resource_holder) {
  const Json* resource = member(resource_holder, "resource");
  if (resource && resource->IsObject()) {
    std::string name = attribute_text(member(*resource, "attributes"), "service.name");
    if (!name.empty()) return name;
  }
  return "unknown_service";
}

}  // namespace tinkr::local::otlp
