// What an Engine holds: the plugin (which keeps its library mapped), the opened instance, and what
// describe() said.
#pragma once

#include <chrono>
#include <string>

#include "tinkr/engine.hpp"
#include "tinkr/plugin.h"

namespace tinkr {

struct Engine::Impl {
  LoadedPlugin plugin;
  tinkr_instance* instance = nullptr;
  planner::Capabilities capabilities;
  BackendInfo info;
  std::string profile_name;
  std::chrono::milliseconds default_timeout{200'000};

  const tinkr_plugin& table() const { return *plugin.table(); }
  ~Impl();
};

}  // namespace tinkr
