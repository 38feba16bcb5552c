// Compiled regular expressions of `matches` predicates, shared by the parser (which checks them) and
// the residual evaluator (which runs them on every record): std::regex is slow to build, so each
// pattern is compiled once per process.
#pragma once

#include <memory>
#include <regex>
#include <string>
#include <string_view>

namespace tinkr::planner {

/// The pattern compiled as ECMAScript, or nullptr with `error` set to the reason when it does not
/// compile. Safe to call from several threads; the cache is bounded (cleared when it grows past a
/// few thousand patterns).
std::shared_ptr<const std::regex> compiled_regex(std::string_view pattern, std::string* error = nullptr);

}  // namespace tinkr::planner
