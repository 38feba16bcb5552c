// Compiled regular expressions of `matches` predicates, shared by the parser (which checks them) and
// the residual evaluator (which runs them on every record). RE2 matches in time linear in the text
// and uses no recursion, so no pattern and no record (Application Insights allows 32 KB messages)
// can exhaust the stack or outrun the query's deadline; compiling is the costly step, so each pattern
// is compiled once per process.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace re2 {
class RE2;
}

namespace tinkr::planner {

/// The pattern compiled with RE2's syntax (docs/query-language.md, "Regular expressions"), or
/// nullptr with `error` set to the reason when it does not compile. Safe to call from several
/// threads; the cache is bounded (cleared when it grows past a few thousand patterns).
std::shared_ptr<const re2::RE2> compiled_regex(std::string_view pattern, std::string* error = nullptr);

/// Whether `pattern` occurs anywhere in `text` (a search, not a whole-text match: anchor with ^ and $).
/// False for a pattern that does not compile.
bool regex_search(std::string_view text, std::string_view pattern);

}  // namespace tinkr::planner
