// Running a local program (the Azure CLI) without a shell: arguments go straight to execve, output
// is captured through pipes, and a program that outlives its timeout is killed with its process group.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tinkr::azure {

struct CommandResult {
  int exit_code = -1;      // the exit status; -1 when killed by a signal (including on timeout)
  bool timed_out = false;  // killed because timeout_ms passed
  std::string out;         // standard output, cut at kMaxCommandOutput
  std::string err;         // standard error, cut at kMaxCommandOutput
};

inline constexpr std::size_t kMaxCommandOutput = 1 << 20;

/// Runs argv[0] (an absolute path) with argv as its arguments and this process's environment, stdin
/// from /dev/null. Blocks until it exits or timeout_ms passes (then kills it). Throws
/// std::runtime_error naming the program when it cannot be started.
using CommandRunner = std::function<CommandResult(const std::vector<std::string>& argv, int64_t timeout_ms)>;

CommandResult run_command(const std::vector<std::string>& argv, int64_t timeout_ms);

/// The first executable regular file called name in the ':'-separated directories of path_variable
/// (the PATH variable's value); nullopt when there is none or path_variable is unset.
std::optional<std::string> find_program(std::string_view name,
                                        const std::optional<std::string>& path_variable);

}  // namespace tinkr::azure
