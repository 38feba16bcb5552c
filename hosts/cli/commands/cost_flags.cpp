// The shared --stats and --no-cache flags; see cost_flags.hpp.
#include "commands/cost_flags.hpp"

namespace tinkr::cli {

void add_cost_flags(CLI::App& command, CostFlags& flags) {
  command.add_flag(
      "--stats", flags.stats,
      "print what the query cost on stderr: data scanned, CPU time, rows returned, and how close "
      "the answer came to the backend's caps");
  command.add_flag("--no-cache", flags.no_cache,
                   "ask for fresh data, not an answer the backend's service cached");
}

}  // namespace tinkr::cli
