// --stats and --no-cache, shared by the query commands: what a query cost (the backend's statistics,
// printed on stderr after the results), and fresh data rather than an answer the service cached.
#pragma once

#include <tinkr/engine.hpp>

#include <CLI/CLI.hpp>

namespace tinkr::cli {

struct CostFlags {
  bool stats = false;
  bool no_cache = false;
  void apply(QuerySpec& spec) const {
    spec.statistics = stats;
    spec.no_cache = no_cache;
  }
};

void add_cost_flags(CLI::App& command, CostFlags& flags);

}  // namespace tinkr::cli
