// tinkr/critical_path.hpp: the critical path of a trace, as Jaeger defines it (its UI's
// computeCriticalPath): the chain of span sections that the trace's end waited on. Starting at the
// root's end, walk back in time: the child that finished last (before the point reached so far) is
// what the parent waited on, so the parent's time after that child's end is on the path, then the
// child's own path; when no child remains, the parent's time back to its start is. Children are first
// clipped to their parent's interval, and children wholly outside it are dropped (Jaeger's
// sanitizeOverFlowingChildren), so clock skew cannot put time outside the root on the path.
// Backend-independent: the MCP tool uses it, and an incident report may.
#pragma once

#include <tinkr/records.hpp>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace tinkr::analysis {

/// One piece of the path: [start_ns, end_ns) of the span at `span_index` in the input.
struct CriticalSection {
  std::size_t span_index = 0;
  int64_t start_ns = 0;
  int64_t end_ns = 0;
};

/// The critical path of one trace's spans, in time order (earliest first). The root is the span
/// without a parent in the trace (the earliest, then the longest, when there are several); spans
/// not reached from it are ignored. Empty input: empty path.
std::vector<CriticalSection> critical_path(const std::vector<Span>& spans);

}  // namespace tinkr::analysis
