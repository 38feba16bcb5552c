// The report's error patterns: log templates of warning and worse, window against baseline.
#include "incident_sections.hpp"

#include <tinkr/template_miner.hpp>

#include <algorithm>

namespace tinkr::incident::detail {
namespace {

// OpenTelemetry severities come in fours (17-20 are all errors): compare the class, not the number.
int32_t severity_class(int32_t number) {
  return number <= 0 ? 0 : (number - 1) / 4;
}

Pattern& pattern_of(analysis::TemplateMiner& miner, std::vector<Pattern>& by_id, const sdk::LogGroup& group) {
  const std::size_t id = miner.add(group.body);
  if (id >= by_id.size()) by_id.resize(id + 1);
  return by_id[id];
}

}  // namespace

std::vector<Pattern> error_patterns(const std::vector<sdk::LogGroup>& window,
                                    const std::vector<sdk::LogGroup>& baseline, std::size_t top) {
  analysis::TemplateMiner miner;
  std::vector<Pattern> by_id;
  for (const auto& group : window) {
    Pattern& p = pattern_of(miner, by_id, group);
    if (p.count == 0 || group.first_ns < p.first_seen_ns) {
      p.first_seen_ns = group.first_ns;
      p.example = group.body;
    }
    if (p.count == 0 || group.last_ns > p.last_seen_ns) p.last_seen_ns = group.last_ns;
    p.count += group.count;
    if (p.severity_text.empty() || group.severity_number > p.severity_number) {
      p.severity_number = group.severity_number;
      p.severity_text = group.severity_text;
    }
    if (p.trace_id.empty()) p.trace_id = group.trace_id;
  }
  for (const auto& group : baseline) pattern_of(miner, by_id, group).baseline_count += group.count;
  std::vector<Pattern> seen;
  for (std::size_t id = 0; id < by_id.size(); ++id) {
    if (by_id[id].count == 0) continue;  // only in the baseline: gone, not part of the incident
    by_id[id].pattern = miner.template_text(id);
    by_id[id].is_new = by_id[id].baseline_count == 0;
    seen.push_back(std::move(by_id[id]));
  }
  std::sort(seen.begin(), seen.end(), [](const Pattern& a, const Pattern& b) {
    if (a.is_new != b.is_new) return a.is_new;
    if (severity_class(a.severity_number) != severity_class(b.severity_number))
      return severity_class(a.severity_number) > severity_class(b.severity_number);
    if (a.count != b.count) return a.count > b.count;
    return a.pattern < b.pattern;
  });
  if (seen.size() > top) seen.resize(top);
  return seen;
}

}  // namespace tinkr::incident::detail
