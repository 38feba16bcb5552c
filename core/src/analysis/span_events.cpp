// Reading a span's exception events (see span_events.hpp).
#include <tinkr/span_events.hpp>

#include <rapidjson/document.h>

namespace tinkr::analysis {

std::vector<ExceptionEvent> exception_events(const Span& span) {
  std::vector<ExceptionEvent> out;
  if (span.events_json.empty()) return out;
  rapidjson::Document events;
  events.Parse(span.events_json.data(), span.events_json.size());
  if (events.HasParseError() || !events.IsArray()) return out;
  auto text = [](const rapidjson::Value& object, const char* key) -> std::string {
    auto it = object.FindMember(key);
    if (it == object.MemberEnd() || !it->value.IsString()) return {};
    return std::string(it->value.GetString(), it->value.GetStringLength());
  };
  for (const auto& event : events.GetArray()) {
    if (!event.IsObject() || text(event, "name") != "exception") continue;
    auto attributes = event.FindMember("attributes");
    if (attributes == event.MemberEnd() || !attributes->value.IsObject()) {
      out.push_back({});
      continue;
    }
    out.push_back({text(attributes->value, "exception.type"), text(attributes->value, "exception.message")});
  }
  return out;
}

}  // namespace tinkr::analysis
