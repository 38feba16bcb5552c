// options.hpp: the local backend's options, read from the JSON object the host builds from a profile:
//   {"path": "~/.tinkr/local.db", "read_only": false}
#pragma once

#include <string>
#include <string_view>

namespace tinkr::local {

inline constexpr std::string_view kDefaultDatabasePath = "~/.tinkr/local.db";

struct Options {
  std::string path;  // absolute, `~` expanded
  bool read_only = false;
};

/// Parses and validates the options; every problem is reported in one sdk::Error(TINKR_CONFIG).
/// A missing "path" means kDefaultDatabasePath. `home` expands a leading `~` (empty: refuse `~`).
Options parse_options(std::string_view json, std::string_view home);

/// `~` or `~/x` with the home folder put in; any other path unchanged. Throws when `~` is used and
/// home is empty.
std::string expand_home(std::string_view path, std::string_view home);

}  // namespace tinkr::local
