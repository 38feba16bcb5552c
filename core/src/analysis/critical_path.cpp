// Jaeger's critical path (see critical_path.hpp), iterative so that a deep trace cannot exhaust the
// stack.
#include <tinkr/critical_path.hpp>

#include <algorithm>
#include <optional>
#include <string_view>
#include <unordered_map>

namespace tinkr::analysis {
namespace {

struct Node {
  int64_t start = 0;
  int64_t end = 0;
  std::optional<std::size_t> parent;
  std::vector<std::size_t> children;  // by end time, latest first
};

std::optional<std::size_t> find_root(const std::vector<Span>& spans,
                                     const std::unordered_map<std::string_view, std::size_t>& by_id) {
  std::optional<std::size_t> root;
  for (std::size_t i = 0; i < spans.size(); ++i) {
    const Span& s = spans[i];
    if (!s.parent_span_id.empty() && by_id.contains(s.parent_span_id)) continue;
    if (!root || s.start_ns < spans[*root].start_ns ||
        (s.start_ns == spans[*root].start_ns && s.duration_ns > spans[*root].duration_ns))
      root = i;
  }
  return root;
}

// Clips each child to its parent's interval (parents first, so a clipped parent clips its children)
// and drops children wholly outside it, with their subtrees.
void attach_children(const std::vector<Span>& spans,
                     const std::unordered_map<std::string_view, std::size_t>& by_id, std::size_t root,
                     std::vector<Node>& nodes) {
  std::unordered_map<std::size_t, std::vector<std::size_t>> raw_children;
  for (std::size_t i = 0; i < spans.size(); ++i) {
    if (i == root || spans[i].parent_span_id.empty()) continue;
    auto parent = by_id.find(spans[i].parent_span_id);
    if (parent != by_id.end() && parent->second != i) raw_children[parent->second].push_back(i);
  }
  nodes[root].start = spans[root].start_ns;
  nodes[root].end = spans[root].start_ns + spans[root].duration_ns;
  std::vector<std::size_t> pending{root};
  std::vector<bool> visited(spans.size(), false);
  visited[root] = true;
  while (!pending.empty()) {
    const std::size_t parent = pending.back();
    pending.pop_back();
    auto it = raw_children.find(parent);
    if (it == raw_children.end()) continue;
    for (std::size_t child : it->second) {
      if (visited[child]) continue;  // a cycle in bad data
      const int64_t start = spans[child].start_ns;
      const int64_t end = start + spans[child].duration_ns;
      if (start >= nodes[parent].end || end <= nodes[parent].start) continue;
      visited[child] = true;
      nodes[child].start = std::max(start, nodes[parent].start);
      nodes[child].end = std::min(end, nodes[parent].end);
      nodes[child].parent = parent;
      nodes[parent].children.push_back(child);
      pending.push_back(child);
    }
    std::stable_sort(nodes[parent].children.begin(), nodes[parent].children.end(),
                     [&](std::size_t a, std::size_t b) { return nodes[a].end > nodes[b].end; });
  }
}

}  // namespace

std::vector<CriticalSection> critical_path(const std::vector<Span>& spans) {
  std::vector<CriticalSection> path;
  std::unordered_map<std::string_view, std::size_t> by_id;
  for (std::size_t i = 0; i < spans.size(); ++i) by_id.emplace(spans[i].span_id, i);
  const auto root = find_root(spans, by_id);
  if (!root) return path;
  std::vector<Node> nodes(spans.size());
  attach_children(spans, by_id, *root, nodes);

  std::size_t current = *root;
  std::optional<int64_t> returning_child_start;  // where the walk came back from a child
  while (true) {
    const Node& node = nodes[current];
    const int64_t section_end = returning_child_start.value_or(node.end);
    std::optional<std::size_t> last_child;
    for (std::size_t child : node.children) {
      if (!returning_child_start || nodes[child].end < *returning_child_start) {
        last_child = child;
        break;  // children are by end time, latest first
      }
    }
    if (last_child) {
      if (nodes[*last_child].end != section_end)
        path.push_back({current, nodes[*last_child].end, section_end});
      current = *last_child;
      returning_child_start.reset();
      continue;
    }
    if (node.start != section_end) path.push_back({current, node.start, section_end});
    if (!node.parent) break;
    returning_child_start = node.start;
    current = *node.parent;
  }
  std::reverse(path.begin(), path.end());
  return path;
}

}  // namespace tinkr::analysis
