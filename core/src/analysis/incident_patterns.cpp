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

}  // namespace

std::vector<Pattern> error_patterns(const std::vector<LogRecord>& logs, const ir::TimeRange& window,
                                    std::size_t top) {
  analysis::TemplateMiner miner;
  std::vector<Pattern> by_id;
  for (const auto& log : logs) {
    const std::size_t id = miner.add(log.body);
    if (id >= by_id.size()) by_id.resize(id + 1);
    Pattern& p = by_id[id];
    const int64_t count = std::max<int64_t>(log.item_count, 1);
    if (log.time_ns < window.from_ns || log.time_ns >= window.to_ns) {
      p.baseline_count += count;
      continue;
    }
    if (p.count == 0 || log.time_ns < p.first_seen_ns) p.first_seen_ns = log.time_ns;
    if (p.count == 0 || log.time_ns > p.last_seen_ns) p.last_seen_ns = log.time_ns;
    if (p.count == 0) p.example = log.body;
    p.count += count;
    if (p.severity_text.empty() || log.severity_number > p.severity_number) {
      p.severity_number = log.severity_number;
      p.severity_text = log.severity_text;
    }
    if (p.trace_id.empty()) p.trace_id = log.trace_id;
  }
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
