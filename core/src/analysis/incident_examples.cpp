// An example trace for the report: its critical path (tinkr/critical_path.hpp, Jaeger's definition)
// as steps, and the exception messages recorded on its spans.
#include "incident_sections.hpp"

#include <tinkr/critical_path.hpp>
#include <tinkr/span_events.hpp>

#include <algorithm>

namespace tinkr::incident::detail {

ExampleTrace example_trace(std::string why, const std::vector<Span>& spans) {
  ExampleTrace example;
  example.why = std::move(why);
  if (spans.empty()) return example;
  example.trace_id = spans.front().trace_id;
  const auto path = analysis::critical_path(spans);
  for (const auto& section : path) {
    const Span& s = spans[section.span_index];
    example.critical_path.push_back(
        {s.service, s.name, s.span_id, section.start_ns, section.end_ns, s.status == SpanStatus::error});
  }
  // The trace's root, as the critical path chose it: the path starts in it unless a child starts
  // with it, and the root is the span that lasts from the path's start to its end.
  if (!path.empty()) {
    const int64_t start = path.front().start_ns, end = path.back().end_ns;
    for (const auto& s : spans) {
      if (s.start_ns != start || s.start_ns + s.duration_ns != end) continue;
      example.name = s.service + ": " + s.name;
      example.status_code = s.status_code;
      break;
    }
    example.start_ns = start;
    example.duration_ns = end - start;
  }
  for (const auto& s : spans)
    for (const auto& e : analysis::exception_events(s)) {
      std::string text = e.type.empty() ? e.message : e.message.empty() ? e.type : e.type + ": " + e.message;
      if (text.empty()) continue;
      text = s.service + " " + s.name + ": " + text;
      if (std::find(example.exceptions.begin(), example.exceptions.end(), text) == example.exceptions.end())
        example.exceptions.push_back(std::move(text));
    }
  return example;
}

}  // namespace tinkr::incident::detail
