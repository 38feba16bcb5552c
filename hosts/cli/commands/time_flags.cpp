// The shared time-range flags.
#include "commands/time_flags.hpp"

namespace tinkr::cli {

void add_time_flags(CLI::App& command, TimeFlags& flags, std::string_view default_since) {
  auto* since = command.add_option(
      "--since", flags.since, "how far back from now (15m, 1h, 2d); default " + std::string(default_since));
  auto* from = command.add_option("--from", flags.from, "start: RFC 3339 time or now-1h");
  auto* to = command.add_option("--to", flags.to, "end: RFC 3339 time or now (default now)");
  since->excludes(from)->excludes(to);
}

}  // namespace tinkr::cli
