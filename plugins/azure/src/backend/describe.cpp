// AzureBackend::describe(): the query path's capabilities plus the options schema, in the agreed
// describe() format (name, version, description, signals, pushdown, resource_types, options).
#include "backend/azure_backend.hpp"
#include "lower/run_query.hpp"

#include <tinkr/sdk/error.hpp>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace tinkr::azure {
namespace {

rapidjson::Value string_value(std::string_view s, rapidjson::Document::AllocatorType& allocator) {
  return rapidjson::Value(s.data(), static_cast<rapidjson::SizeType>(s.size()), allocator);
}

}  // namespace

std::string AzureBackend::describe() {
  rapidjson::Document capabilities;
  std::string text = capabilities_json();
  capabilities.Parse(text.data(), text.size());
  if (capabilities.HasParseError() || !capabilities.IsObject())
    throw sdk::Error(TINKR_INTERNAL, "azure: the capabilities JSON is not an object");

  rapidjson::Document out(rapidjson::kObjectType);
  auto& a = out.GetAllocator();
  out.AddMember("name", string_value(kName, a), a);
  out.AddMember("version", string_value(kVersion, a), a);
  out.AddMember("description", string_value("Azure Monitor: Log Analytics, Application Insights, Metrics", a),
                a);
  for (auto& m : capabilities.GetObject())
    out.AddMember(rapidjson::Value(m.name, a), rapidjson::Value(m.value, a), a);

  rapidjson::Value options(rapidjson::kObjectType);
  for (const auto& spec : option_specs()) {
    rapidjson::Value entry(rapidjson::kObjectType);
    entry.AddMember("type", string_value(spec.type, a), a);
    entry.AddMember("required", spec.required, a);
    if (!spec.env.empty()) entry.AddMember("env", string_value(spec.env, a), a);
    entry.AddMember("description", string_value(spec.description, a), a);
    options.AddMember(string_value(spec.key, a), entry, a);
  }
  out.AddMember("options", options, a);

  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  out.Accept(writer);
  return buffer.GetString();
}

}  // namespace tinkr::azure
