// Finding plugins by name on the search path, and listing every one found.
#include <algorithm>
#include <filesystem>
#include <set>

#include "registry/plugin_loader.hpp"
#include "tinkr/registry.hpp"

namespace tinkr {
namespace {

constexpr std::string_view kPrefix = "libtinkr-";
constexpr std::string_view kSuffix = ".so";

std::string file_name_for(const std::string& name) {
  return std::string(kPrefix) + name + std::string(kSuffix);
}

/// The plugin name a file name stands for, or "" when it is not a plugin's name.
std::string name_from_file(const std::string& file) {
  if (file.size() <= kPrefix.size() + kSuffix.size() || !file.starts_with(kPrefix) ||
      !file.ends_with(kSuffix))
    return {};
  return file.substr(kPrefix.size(), file.size() - kPrefix.size() - kSuffix.size());
}

bool is_valid_name(const std::string& name) {
  return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

}  // namespace

PluginRegistry::PluginRegistry(std::vector<std::string> search_path)
    : search_path_(search_path.empty() ? default_search_path() : std::move(search_path)) {}

Expected<LoadedPlugin> PluginRegistry::load_file(const std::string& path) const {
  return load_plugin_file(path, host_services_table());
}

Expected<LoadedPlugin> PluginRegistry::load(const std::string& name) const {
  if (!is_valid_name(name))
    return fail(Error::Code::config,
                "backend name '" + name + "' is not valid (lowercase letters, digits, - and _)");
  const std::string file = file_name_for(name);
  for (const auto& dir : search_path_) {
    std::error_code ec;
    auto path = std::filesystem::path(dir) / file;
    if (std::filesystem::exists(path, ec)) return load_file(path.string());
  }
  std::string searched;
  for (const auto& dir : search_path_) searched += (searched.empty() ? "" : ", ") + dir;
  return fail(Error::Code::not_found,
              "backend '" + name + "': no plugin " + file + " in the plugin search path (" + searched +
                  "); set TINKR_PLUGIN_PATH or run `tinkr plugins` to see what is installed");
}

std::vector<PluginListing> PluginRegistry::list() const {
  std::vector<PluginListing> listings;
  std::set<std::string> seen;
  for (const auto& dir : search_path_) {
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    for (auto it = std::filesystem::directory_iterator(dir, ec);
         !ec && it != std::filesystem::directory_iterator(); it.increment(ec))
      files.push_back(it->path());
    std::sort(files.begin(), files.end());
    for (const auto& path : files) {
      std::string name = name_from_file(path.filename().string());
      if (name.empty() || !seen.insert(name).second) continue;
      PluginListing listing;
      listing.path = path.string();
      if (auto loaded = load_file(listing.path))
        listing.plugin = std::move(*loaded);
      else
        listing.error = loaded.error();
      listings.push_back(std::move(listing));
    }
  }
  return listings;
}

}  // namespace tinkr
