// A trace's spans as a tree, for the trace tools: parents, a depth-first order from the roots (by
// start time), the path from the root to a span, and the trace's extent.
#pragma once

#include <tinkr/records.hpp>
#include <tinkr/span_events.hpp>

#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace tinkr::mcp {

class TraceTree {
 public:
  explicit TraceTree(const std::vector<Span>& spans);
  /// nullptr for a root (or a span whose parent is not in the trace).
  const Span* parent(const Span& span) const;
  /// (index into spans, depth) of every span, roots first, children by start time.
  std::vector<std::pair<std::size_t, int>> depth_first() const;
  /// The root ... span chain.
  std::vector<const Span*> path_from_root(const Span& span) const;
  int64_t start_ns() const { return start_ns_; }
  int64_t end_ns() const { return end_ns_; }

 private:
  const std::vector<Span>& spans_;
  std::unordered_map<std::string_view, std::size_t> by_id_;
  int64_t start_ns_ = 0;
  int64_t end_ns_ = 0;
};

using analysis::exception_events;
using analysis::ExceptionEvent;

}  // namespace tinkr::mcp
