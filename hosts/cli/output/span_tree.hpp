// `tinkr trace ID` in table form: the spans of one trace as an indented tree, each with its duration,
// status and a bar placing it on the trace's timeline. The spans on the trace's critical path (the
// core's tinkr/critical_path.hpp, as Jaeger computes it) are marked ▶, and bold on a colour terminal.
//
//   trace 4bf92f3577b34da6a3ce929d0e0e4736  3 spans  1.20s  1 error
//   ▶ marks the critical path: the spans the trace's end waited on
//
//     SPAN                              DURATION  STATUS  TIMELINE
//   ▶ checkout: POST /checkout             1.20s  OK      ████████████████████████████████████████
//   ▶ └─ payments-api: POST /pay         850.0ms  OK           ████████████████████████████
//   ▶    └─ postgres: SELECT payments    800.0ms  ERROR         ██████████████████████████
#pragma once

#include "output/output_format.hpp"

#include <ostream>
#include <vector>

namespace tinkr::cli {

/// Children sorted by start time; a span whose parent is missing is drawn as a root (marked
/// "(orphan)"). Every span is printed exactly once, even with a cycle in the parent links. An empty
/// trace prints one line saying so.
void render_span_tree(const std::vector<Span>& spans, std::ostream& out, Style style, int bar_width = 40);

}  // namespace tinkr::cli
