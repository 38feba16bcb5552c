// The verdict on a backend's health JSON (see Health in tinkr/engine.hpp).
#include "tinkr/engine.hpp"

#include <rapidjson/document.h>

#include <string_view>

namespace tinkr {

Health read_health(std::string json) {
  Health health{std::move(json), true};
  rapidjson::Document document;
  document.Parse(health.json.data(), health.json.size());
  if (document.HasParseError() || !document.IsObject()) return health;
  if (auto ok = document.FindMember("ok"); ok != document.MemberEnd() && ok->value.IsBool()) {
    health.healthy = ok->value.GetBool();
  } else if (auto status = document.FindMember("status");
             status != document.MemberEnd() && status->value.IsString()) {
    const std::string_view text(status->value.GetString(), status->value.GetStringLength());
    health.healthy = text != "error" && text != "unhealthy";
  }
  return health;
}

}  // namespace tinkr
