// A trace's critical path as numbers (docs/server.md, docs/cli.md): the sections the trace's end
// waited on, in time order, [{"span_id", "start_ns", "end_ns"}]. tinkr-server's trace answer carries it
// as "critical_path"; the CLI's json and ndjson output of `tinkr trace` end with a
// {"type":"critical_path","sections":[...]} item. Both are computed by tinkr/critical_path.hpp, the
// code that marks the path with ▶ in the span tree.
#pragma once

#include <tinkr/records.hpp>

#include <string>
#include <vector>

namespace tinkr::host {

/// The JSON array of the spans' critical path; "[]" when there are no spans.
std::string critical_path_to_json(const std::vector<Span>& spans);

/// {"type":"critical_path","sections":[...]}, the item that ends the CLI's json output of a trace.
std::string critical_path_item(const std::vector<Span>& spans);

}  // namespace tinkr::host
