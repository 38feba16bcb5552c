// Describes the loaded backend.
#include "backends_json.hpp"

#include "common/record_json.hpp"

namespace tinkr::server {

std::string backends_json(const BackendInfo& backend, const std::string& profile) {
  std::string signals;
  if (auto capabilities = planner::parse_capabilities(backend.capabilities_json))
    for (auto signal : capabilities->signals)
      signals += (signals.empty() ? "" : ",") + std::string(ir::to_string(signal));
  rapidjson::StringBuffer buffer;
  host::JsonWriter w(buffer);
  w.StartObject();
  w.Key("backends");
  w.StartArray();
  w.StartObject();
  host::write_string_member(w, "name", backend.name);
  host::write_string_member(w, "version", backend.version);
  host::write_string_member(w, "abi", backend.abi);
  host::write_string_member(w, "path", backend.path);
  host::write_string_member(w, "profile", profile);
  host::write_string_member(w, "signals", signals);
  w.Key("capabilities");
  if (!backend.capabilities_json.empty() && backend.capabilities_json.front() == '{') {
    w.RawValue(backend.capabilities_json.data(), backend.capabilities_json.size(), rapidjson::kObjectType);
  } else {
    w.Null();
  }
  w.EndObject();
  w.EndArray();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace tinkr::server
