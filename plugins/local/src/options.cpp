// options.cpp: reading and validating the local backend's options.
#include "options.hpp"

#include <tinkr/sdk/error.hpp>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <vector>

namespace tinkr::local {

std::string expand_home(std::string_view path, std::string_view home) {
  if (path != "~" && !path.starts_with("~/")) return std::string(path);
  if (home.empty())
    throw sdk::Error(TINKR_CONFIG, "local backend: option 'path' starts with '~' but HOME is not set");
  return std::string(home) + std::string(path.substr(1));
}

Options parse_options(std::string_view json, std::string_view home) {
  Options options;
  std::string path(kDefaultDatabasePath);
  if (json.find_first_not_of(" \t\r\n") == std::string_view::npos) json = "{}";
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError())
    throw sdk::Error(TINKR_CONFIG, std::string("local backend: options are not valid JSON: ") +
                                       rapidjson::GetParseError_En(doc.GetParseError()));
  if (!doc.IsObject()) throw sdk::Error(TINKR_CONFIG, "local backend: options must be a JSON object");

  std::vector<std::string> problems;
  for (auto it = doc.MemberBegin(); it != doc.MemberEnd(); ++it) {
    std::string_view key(it->name.GetString(), it->name.GetStringLength());
    const auto& value = it->value;
    if (key == "path") {
      if (!value.IsString() || value.GetStringLength() == 0)
        problems.push_back("option 'path': expected a non-empty string (a database file)");
      else
        path.assign(value.GetString(), value.GetStringLength());
    } else if (key == "read_only") {
      if (!value.IsBool())
        problems.push_back("option 'read_only': expected true or false");
      else
        options.read_only = value.GetBool();
    } else if (key != "backend") {  // the profile's own selector may travel along
      problems.push_back("unknown option '" + std::string(key) + "' (known: path, read_only)");
    }
  }
  if (!problems.empty()) {
    std::string message = "local backend: ";
    for (std::size_t i = 0; i < problems.size(); ++i) message += (i ? "; " : "") + problems[i];
    throw sdk::Error(TINKR_CONFIG, message);
  }
  options.path = expand_home(path, home);
  return options;
}

}  // namespace tinkr::local
