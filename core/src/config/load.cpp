// Finding, reading and parsing the config file; where ~/.tinkr is.
#include "config/document.hpp"
#include "config/environment.hpp"
#include "config/schema.hpp"

#include <tinkr/config.hpp>

#include <pwd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace tinkr::config {
namespace {

bool ends_with(const std::string& text, std::string_view suffix) {
  return text.ends_with(suffix);
}

Expected<std::string> read_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return fail(Error::Code::config, "config " + path + ": cannot read: " + std::strerror(errno));
  std::stringstream content;
  content << file.rdbuf();
  return content.str();
}

}  // namespace

std::string tinkr_dir(const std::string& home) {
  if (!home.empty()) return home + "/.tinkr";
  if (const char* env_home = std::getenv("HOME"); env_home && *env_home)
    return std::string(env_home) + "/.tinkr";
  // A service account may run without HOME; its passwd entry still names a home directory.
  if (const passwd* entry = getpwuid(getuid()); entry && entry->pw_dir)
    return std::string(entry->pw_dir) + "/.tinkr";
  return ".tinkr";
}

Expected<Config> parse(std::string_view text, const std::string& origin, const std::string& home) {
  rapidjson::Document document;
  Expected<bool> parsed = true;
  if (ends_with(origin, ".toml")) {
    parsed = detail::toml_to_json(text, origin, document);
  } else if (ends_with(origin, ".yaml") || ends_with(origin, ".yml")) {
    parsed = detail::yaml_to_json(text, origin, document);
  } else {
    return fail(Error::Code::config,
                "config " + origin + ": unknown format: expected a .toml, .yaml or .yml file");
  }
  if (!parsed) return tl::make_unexpected(parsed.error());
  detail::Environment environment(home);
  return detail::read_config(document, origin, environment);
}

Expected<std::vector<ApiKey>> parse_api_keys(std::string_view text, const std::string& origin) {
  rapidjson::Document document;
  if (auto parsed = detail::toml_to_json(text, origin, document); !parsed)
    return tl::make_unexpected(parsed.error());
  detail::Environment environment("");
  return detail::read_api_keys_document(document, origin, environment);
}

Expected<Config> load(const Sources& sources) {
  std::string path = sources.config_path;
  std::string named_by = "--config";
  if (path.empty()) {
    detail::Environment environment(sources.home);
    auto from_environment = environment.lookup("TINKR_CONFIG");
    if (!from_environment) return tl::make_unexpected(from_environment.error());
    if (*from_environment && !(*from_environment)->empty()) {
      path = **from_environment;
      named_by = "TINKR_CONFIG";
    }
  }
  if (path.empty()) {
    const std::string dir = tinkr_dir(sources.home);
    for (const char* name : {"config.toml", "config.yaml", "config.yml"}) {
      if (std::error_code ec; std::filesystem::exists(dir + "/" + name, ec)) {
        path = dir + "/" + name;
        break;
      }
    }
    if (path.empty()) return Config{};  // no file is a valid setup: select_profile picks a default
  } else if (std::error_code ec; !std::filesystem::exists(path, ec)) {
    return fail(Error::Code::config, "config " + path + ": no such file (named by " + named_by + ")");
  }
  auto text = read_file(path);
  if (!text) return tl::make_unexpected(text.error());
  return parse(*text, path, sources.home);
}

Expected<int> apply_dotenv(const std::string& home) {
  const std::string path = tinkr_dir(home) + "/.env";
  if (std::error_code ec; !std::filesystem::exists(path, ec)) return 0;
  auto text = read_file(path);
  if (!text) return tl::make_unexpected(text.error());
  auto values = detail::parse_dotenv(*text, path);
  if (!values) return tl::make_unexpected(values.error());
  int set = 0;
  for (const auto& [name, value] : *values) {
    if (std::getenv(name.c_str())) continue;  // the environment always wins over the file
    if (setenv(name.c_str(), value.c_str(), 0) == 0) ++set;
  }
  return set;
}

}  // namespace tinkr::config
