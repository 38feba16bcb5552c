// The report's failing operations: failed or slow requests grouped by operation, with result codes.
#include "incident_sections.hpp"

#include <algorithm>
#include <map>

namespace tinkr::incident::detail {

std::vector<Operation> failing_operations(const std::vector<TraceSummary>& failed_or_slow,
                                          const std::vector<TraceSummary>& requests,
                                          const ir::TimeRange& window, int64_t slow_ns, std::size_t top) {
  auto in_window = [&](int64_t t) { return t >= window.from_ns && t < window.to_ns; };
  std::map<std::string, Operation> by_name;
  std::map<std::string, std::map<std::string, int64_t>> codes;
  for (const auto& s : failed_or_slow) {
    const bool failed = s.status == SpanStatus::error;
    if (!in_window(s.start_ns)) {
      if (failed) ++by_name[s.name].baseline_failed;
      continue;
    }
    Operation& op = by_name[s.name];
    if (failed)
      ++op.failed;
    else if (s.duration_ns > slow_ns)
      ++op.slow;
    else
      continue;  // the backend let it through (an inexact filter): neither failed nor slow
    op.max_duration_ns = std::max(op.max_duration_ns, s.duration_ns);
    ++codes[s.name][s.status_code.empty() ? "-" : s.status_code];
  }
  for (const auto& r : requests)
    if (in_window(r.start_ns))
      if (auto it = by_name.find(r.name); it != by_name.end()) ++it->second.requests;
  std::vector<Operation> out;
  for (auto& [name, op] : by_name) {
    if (op.failed == 0 && op.slow == 0) continue;
    op.name = name;
    op.requests = std::max(op.requests, op.failed + op.slow);
    for (const auto& [code, count] : codes[name]) op.result_codes.emplace_back(code, count);
    std::stable_sort(op.result_codes.begin(), op.result_codes.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    out.push_back(std::move(op));
  }
  std::sort(out.begin(), out.end(), [](const Operation& a, const Operation& b) {
    if (a.failed != b.failed) return a.failed > b.failed;
    if (a.slow != b.slow) return a.slow > b.slow;
    return a.name < b.name;
  });
  if (out.size() > top) out.resize(top);
  return out;
}

}  // namespace tinkr::incident::detail
