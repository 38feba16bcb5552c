// Choosing the profile a run uses: flag, TINKR_PROFILE, active_profile, TINKR_BACKEND, the only
// profile, then the built-in local default.
#include "config/environment.hpp"

#include <tinkr/config.hpp>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace tinkr::config {
namespace {

std::string profile_names(const Config& config) {
  std::string names;
  for (const auto& [name, profile] : config.profiles) names += (names.empty() ? "" : ", ") + name;
  return names;
}

std::string path_option_json(const std::string& path) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  writer.Key("path");
  writer.String(path.data(), static_cast<rapidjson::SizeType>(path.size()));
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

void tell(std::string* notice, std::string text) {
  if (notice) *notice = std::move(text);
}

Expected<std::string> variable(detail::Environment& environment, const std::string& name) {
  auto value = environment.lookup(name);
  if (!value) return tl::make_unexpected(value.error());
  return value->value_or("");
}

}  // namespace

Expected<Profile> select_profile(const Config& config, const std::string& requested, std::string* notice,
                                 const std::string& home) {
  if (notice) notice->clear();
  detail::Environment environment(home);
  std::string name = requested;
  std::string chosen_by = "--profile";
  if (name.empty()) {
    auto from_environment = variable(environment, "TINKR_PROFILE");
    if (!from_environment) return tl::make_unexpected(from_environment.error());
    name = *from_environment;
    chosen_by = "TINKR_PROFILE";
  }
  if (name.empty() && !config.active_profile.empty()) {
    name = config.active_profile;
    chosen_by = "active_profile";
  }
  if (!name.empty()) {
    if (auto it = config.profiles.find(name); it != config.profiles.end()) return it->second;
    if (config.path.empty())
      return fail(Error::Code::config, "profile '" + name + "' (named by " + chosen_by +
                                           ") cannot be found: there is no config file (looked for " +
                                           tinkr_dir(home) + "/config.toml, config.yaml, config.yml)");
    return fail(Error::Code::config,
                "config " + config.path + ": no profile '" + name + "' (named by " + chosen_by +
                    "; profiles: " + (config.profiles.empty() ? "none" : profile_names(config)) + ")");
  }
  auto backend = variable(environment, "TINKR_BACKEND");
  if (!backend) return tl::make_unexpected(backend.error());
  if (!backend->empty()) {
    tell(notice, "using backend '" + *backend + "' from TINKR_BACKEND, configured from the environment");
    return Profile{"env", *backend, "{}", "environment"};
  }
  if (config.profiles.size() == 1) {
    const auto& only = config.profiles.begin()->second;
    tell(notice, "using profile '" + only.name + "', the only one in " + config.path);
    return only;
  }
  if (config.profiles.size() > 1)
    return fail(Error::Code::config, "config " + config.path + ": " + std::to_string(config.profiles.size()) +
                                         " profiles and no active_profile: choose one with --profile or "
                                         "TINKR_PROFILE, or set active_profile (profiles: " +
                                         profile_names(config) + ")");
  tell(notice, config.path.empty()
                   ? "no configuration found: using the local backend at ~/.tinkr/local.db"
                   : "no profile in " + config.path + ": using the local backend at ~/.tinkr/local.db");
  return Profile{"local", "local", path_option_json(tinkr_dir(home) + "/local.db"), "default"};
}

}  // namespace tinkr::config
