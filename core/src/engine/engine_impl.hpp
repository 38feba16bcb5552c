// What an Engine holds: the plugin (which keeps its library mapped), the opened instance, and what
// describe() said.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <type_traits>
#include <utility>

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
  /// An optional member of the table, or nullptr when the plugin's struct_size stops before it (an
  /// older table: the bytes there are not the plugin's) or the plugin left it NULL.
  template <auto Member>
  auto optional_function() const -> std::remove_reference_t<decltype(std::declval<tinkr_plugin>().*Member)> {
    const tinkr_plugin& t = table();
    const auto offset = reinterpret_cast<const char*>(&(t.*Member)) - reinterpret_cast<const char*>(&t);
    if (t.struct_size < static_cast<uint64_t>(offset) + sizeof(t.*Member)) return nullptr;
    return t.*Member;
  }
  ~Impl();
};

}  // namespace tinkr
