// A process-wide cache of compiled patterns, keyed by the pattern's text.
#include "planner/regex_cache.hpp"

#include <mutex>
#include <unordered_map>

namespace tinkr::planner {
namespace {

// Enough for any real workload's distinct patterns; a bound keeps a stream of generated patterns
// (one per request) from growing memory without end.
constexpr std::size_t kMaxCachedPatterns = 4096;

struct Entry {
  std::shared_ptr<const std::regex> regex;
  std::string error;
};

std::mutex cache_mutex;
std::unordered_map<std::string, Entry>& cache() {
  static std::unordered_map<std::string, Entry> instance;
  return instance;
}

Entry compile(const std::string& pattern) {
  try {
    return {std::make_shared<const std::regex>(pattern, std::regex::ECMAScript), {}};
  } catch (const std::regex_error& e) {
    return {nullptr, e.what()};
  }
}

}  // namespace

std::shared_ptr<const std::regex> compiled_regex(std::string_view pattern, std::string* error) {
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

}  // namespace tinkr::planner
