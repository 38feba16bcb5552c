// A process-wide cache of compiled patterns, keyed by the pattern's text.
#include "planner/regex_cache.hpp"

#include <re2/re2.h>

#include <mutex>
#include <unordered_map>

namespace tinkr::planner {
namespace {

// Enough for any real workload's distinct patterns; a bound keeps a stream of generated patterns
// (one per request) from growing memory without end.
constexpr std::size_t kMaxCachedPatterns = 4096;

struct Entry {
  std::shared_ptr<const re2::RE2> regex;
  std::string error;
};

std::mutex cache_mutex;
std::unordered_map<std::string, Entry>& cache() {
  static std::unordered_map<std::string, Entry> instance;
  return instance;
}

Entry compile(const std::string& pattern) {
  re2::RE2::Options options;
  options.set_log_errors(false);  // the error goes to the user in the query's answer, not to stderr
  auto regex = std::make_shared<const re2::RE2>(pattern, options);
  if (!regex->ok()) return {nullptr, regex->error()};
  return {std::move(regex), {}};
}

}  // namespace

std::shared_ptr<const re2::RE2> compiled_regex(std::string_view pattern, std::string* error) {
  std::string key(pattern);
  {
    std::lock_guard lock(cache_mutex);
    auto it = cache().find(key);
    if (it != cache().end()) {
      if (error) *error = it->second.error;
      return it->second.regex;
    }
  }
  // Compile outside the lock: a slow pattern must not stall every other query's residual.
  Entry entry = compile(key);
  if (error) *error = entry.error;
  std::lock_guard lock(cache_mutex);
  if (cache().size() >= kMaxCachedPatterns) cache().clear();
  return cache().emplace(std::move(key), std::move(entry)).first->second.regex;
}

bool regex_search(std::string_view text, std::string_view pattern) {
  auto regex = compiled_regex(pattern);
  return regex && re2::RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *regex);
}

}  // namespace tinkr::planner
