// Which subcommand runs, and its exit status as a return value: each setup_X registers its
// subcommand with the function that runs it, and main runs the one CLI11 parsed once parsing is done
// (so a usage error never half-runs a command, and no status travels through shared state).
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <optional>
#include <utility>
#include <vector>

namespace tinkr::cli {

class CommandRuns {
 public:
  /// `command` runs `run` when it is the subcommand given; run returns the process's exit status.
  void add(CLI::App* command, std::function<int()> run) { runs_.emplace_back(command, std::move(run)); }

  /// The exit status of the registered subcommand that was parsed; nullopt when none was.
  std::optional<int> run_parsed() const {
    for (const auto& [command, run] : runs_)
      if (command->parsed()) return run();
    return std::nullopt;
  }

 private:
  std::vector<std::pair<CLI::App*, std::function<int()>>> runs_;
};

}  // namespace tinkr::cli
