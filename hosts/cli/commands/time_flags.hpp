// The time-range flags the query commands share: --since, or --from/--to.
#pragma once

#include <tinkr/engine.hpp>

#include <CLI/CLI.hpp>

#include <string>

namespace tinkr::cli {

struct TimeFlags {
  std::string since;
  std::string from;
  std::string to;
  void apply(QuerySpec& spec) const {
    spec.since = since;
    spec.from = from;
    spec.to = to;
  }
};

/// Adds --since, --from and --to to a subcommand; --since excludes the other two. `default_since` is
/// what the help says the engine looks back by when none is given.
void add_time_flags(CLI::App& command, TimeFlags& flags, std::string_view default_since = "1h");

}  // namespace tinkr::cli
