// tinkr/registry.hpp: finds backend plugins (shared libraries) and loads them with Boost.DLL.
//
// Search path, in order: TINKR_PLUGIN_PATH (colon-separated), ~/.tinkr/plugins, the installed plugin
// folder relative to the running program (<prefix>/bin -> <prefix>/<libdir>/tinkr/plugins), the
// prefix configured at build time, then lib/tinkr/plugins beside the running program (the build tree). A plugin
// named N lives in libtinkr-N.so.
//
// Contracts, one sentence each:
// - load(name) loads only that plugin and fails with a message naming the file and the failed step.
// - list() loads every plugin found and returns one entry per file, a broken one never hiding another.
// - A LoadedPlugin keeps its library mapped for as long as any copy of it, or any instance opened from
//   it, is alive.
// - Loading is serialised inside the registry (concurrent dlopen is not safe everywhere).
#pragma once

#include <tinkr/error.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

struct tinkr_plugin;
struct tinkr_host;

namespace tinkr {

class HostServices;

/// A loaded plugin: its table, its validated describe() JSON, and the library that holds both.
class LoadedPlugin {
 public:
  const std::string& name() const { return name_; }
  const std::string& version() const { return version_; }
  const std::string& path() const { return path_; }
  std::string abi() const;  // "1.0"
  const std::string& capabilities_json() const { return capabilities_json_; }
  const tinkr_plugin* table() const { return table_; }
  std::shared_ptr<void> library() const { return library_; }  // keeps the library mapped

 private:
  friend LoadedPlugin make_loaded_plugin(const tinkr_plugin* table, std::string path,
                                         std::string capabilities_json, std::shared_ptr<void> library);
  std::string name_, version_, path_, capabilities_json_;
  const tinkr_plugin* table_ = nullptr;
  std::shared_ptr<void> library_;
};

struct PluginListing {
  std::string path;
  std::optional<LoadedPlugin> plugin;  // set when it loaded
  std::optional<Error> error;          // set when it did not
};

class PluginRegistry {
 public:
  /// search_path: the folders to look in, in order; empty means default_search_path().
  explicit PluginRegistry(std::vector<std::string> search_path = {});

  /// The default search path from the environment and the program's location.
  static std::vector<std::string> default_search_path();

  const std::vector<std::string>& search_path() const { return search_path_; }

  /// Loads the plugin called `name` (the first libtinkr-<name>.so on the search path).
  Expected<LoadedPlugin> load(const std::string& name) const;

  /// Loads a plugin from an explicit file.
  Expected<LoadedPlugin> load_file(const std::string& path) const;

  /// Every plugin file on the search path (first occurrence of each name), loaded or with its error.
  std::vector<PluginListing> list() const;

 private:
  std::vector<std::string> search_path_;
};

/// The host services table every plugin receives (logging, HTTPS, clock, cancellation).
const tinkr_host* host_services_table();

}  // namespace tinkr
