// --limit, shared by the query commands: a positive count. 0 is refused rather than read as "the
// default" or "no limit": both readings surprised users (docs/cli.md).
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>

namespace tinkr::cli {

void add_limit_flag(CLI::App& command, int64_t& limit, const std::string& description);

}  // namespace tinkr::cli
