// tinkr/span_events.hpp: what a span's events say, read from its events JSON (an array of
// {time, name, attributes}). Used by the MCP trace tools and the incident report's example traces.
#pragma once

#include <tinkr/records.hpp>

#include <string>
#include <vector>

namespace tinkr::analysis {

struct ExceptionEvent {
  std::string type;
  std::string message;
};

/// The "exception" events of a span (OpenTelemetry's exception.type / exception.message); an
/// exception event without attributes gives an empty entry, events that are no JSON array none.
std::vector<ExceptionEvent> exception_events(const Span& span);

}  // namespace tinkr::analysis
