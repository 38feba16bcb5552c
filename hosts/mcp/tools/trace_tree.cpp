// The span tree of one trace (see trace_tree.hpp).
#include "mcp/tools/trace_tree.hpp"

#include <algorithm>
#include <limits>
#include <set>

namespace tinkr::mcp {

TraceTree::TraceTree(const std::vector<Span>& spans) : spans_(spans) {
  start_ns_ = spans.empty() ? 0 : std::numeric_limits<int64_t>::max();
  for (std::size_t i = 0; i < spans.size(); ++i) {
    by_id_.emplace(spans[i].span_id, i);
    start_ns_ = std::min(start_ns_, spans[i].start_ns);
    end_ns_ = std::max(end_ns_, spans[i].start_ns + spans[i].duration_ns);
  }
}

const Span* TraceTree::parent(const Span& span) const {
  if (span.parent_span_id.empty()) return nullptr;
  auto it = by_id_.find(span.parent_span_id);
  return it == by_id_.end() || &spans_[it->second] == &span ? nullptr : &spans_[it->second];
}

std::vector<std::pair<std::size_t, int>> TraceTree::depth_first() const {
  std::unordered_map<std::size_t, std::vector<std::size_t>> children;
  std::vector<std::size_t> roots;
  for (std::size_t i = 0; i < spans_.size(); ++i) {
    const Span* p = parent(spans_[i]);
    if (p == nullptr)
      roots.push_back(i);
    else
      children[by_id_.at(p->span_id)].push_back(i);
  }
  auto by_start = [this](std::size_t a, std::size_t b) { return spans_[a].start_ns < spans_[b].start_ns; };
  std::vector<std::pair<std::size_t, int>> order;
  std::vector<bool> seen(spans_.size(), false);
  std::vector<std::pair<std::size_t, int>> stack;
  auto visit = [&](std::vector<std::size_t> level) {
    std::stable_sort(level.begin(), level.end(), by_start);
    for (auto it = level.rbegin(); it != level.rend(); ++it) stack.emplace_back(*it, 0);
    while (!stack.empty()) {
      auto [index, depth] = stack.back();
      stack.pop_back();
      if (seen[index]) continue;
      seen[index] = true;
      order.emplace_back(index, depth);
      auto found = children.find(index);
      if (found == children.end()) continue;
      auto kids = found->second;
      std::stable_sort(kids.begin(), kids.end(), by_start);
      for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.emplace_back(*it, depth + 1);
    }
  };
  visit(roots);
  // Spans in a parent cycle (bad data) are reached from no root: list them too, at depth 0.
  std::vector<std::size_t> rest;
  for (std::size_t i = 0; i < spans_.size(); ++i)
    if (!seen[i]) rest.push_back(i);
  if (!rest.empty()) visit(rest);
  return order;
}

std::vector<const Span*> TraceTree::path_from_root(const Span& span) const {
  std::vector<const Span*> path{&span};
  std::set<const Span*> seen{&span};
  for (const Span* p = parent(span); p != nullptr && seen.insert(p).second; p = parent(*p)) path.push_back(p);
  std::reverse(path.begin(), path.end());
  return path;
}

}  // namespace tinkr::mcp
