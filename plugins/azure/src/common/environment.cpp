// Real and fixed environments for the Azure plugin.
#include "common/environment.hpp"

#include <cstdlib>
#include <utility>
#include <vector>

namespace tinkr::azure {

Environment process_environment() {
  return [](std::string_view name) -> std::optional<std::string> {
    const char* value = std::getenv(std::string(name).c_str());
    if (value == nullptr || *value == '\0') return std::nullopt;
    return std::string(value);
  };
}

Environment fixed_environment(std::map<std::string, std::string, std::less<>> variables) {
  return [variables = std::move(variables)](std::string_view name) -> std::optional<std::string> {
    auto it = variables.find(name);
    if (it == variables.end() || it->second.empty()) return std::nullopt;
    return it->second;
  };
}

std::string describe_missing(const Environment& env, std::initializer_list<std::string_view> names) {
  std::vector<std::string_view> missing;
  for (auto name : names)
    if (!env(name)) missing.push_back(name);
  std::string text;
  for (std::size_t i = 0; i < missing.size(); ++i) {
    if (i > 0) text += i + 1 == missing.size() ? " and " : ", ";
    text += missing[i];
  }
  if (!text.empty()) text += missing.size() == 1 ? " is not set" : " are not set";
  return text;
}

}  // namespace tinkr::azure
