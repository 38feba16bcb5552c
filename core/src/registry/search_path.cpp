// Where plugins are looked for, in order: TINKR_PLUGIN_PATH, ~/.tinkr/plugins, the plugin folder of
// an installed tree relative to the running program (so a prefix copied elsewhere still works), the
// prefix it was built for, then lib/tinkr/plugins beside the running program (the build tree).
#include <boost/dll/runtime_symbol_info.hpp>

#include <cstdlib>
#include <string>
#include <vector>

#include "tinkr/registry.hpp"

namespace tinkr {

std::vector<std::string> PluginRegistry::default_search_path() {
  std::vector<std::string> dirs;
  auto add = [&dirs](std::string dir) {
    if (dir.empty()) return;
    for (const auto& d : dirs)
      if (d == dir) return;
    dirs.push_back(std::move(dir));
  };
  if (const char* env = std::getenv("TINKR_PLUGIN_PATH")) {
    std::string_view rest = env;
    while (!rest.empty()) {
      auto colon = rest.find(':');
      add(std::string(rest.substr(0, colon)));
      if (colon == std::string_view::npos) break;
      rest.remove_prefix(colon + 1);
    }
  }
  if (const char* home = std::getenv("HOME"); home && *home) add(std::string(home) + "/.tinkr/plugins");
  boost::dll::fs::error_code ec;
  auto program_dir = boost::dll::program_location(ec).parent_path();
  if (!ec) add((program_dir / TINKR_PLUGIN_DIR_FROM_BINDIR).lexically_normal().string());
  add(TINKR_INSTALL_PLUGIN_DIR);
  if (!ec) add((program_dir.parent_path() / "lib" / "tinkr" / "plugins").string());
  return dirs;
}

}  // namespace tinkr
