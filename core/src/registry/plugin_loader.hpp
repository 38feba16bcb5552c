// Loads one plugin file and validates it (entry point, ABI version, table, describe JSON).
#pragma once

#include <string>

#include "tinkr/registry.hpp"

namespace tinkr {

Expected<LoadedPlugin> load_plugin_file(const std::string& path, const tinkr_host* host);

}  // namespace tinkr
