// A record line of tinkr-server's NDJSON reply, checked without building it, so that the CLI can print
// it as it came (remote -o json and -o ndjson print exactly what the server wrote, which is what local
// mode prints: both use record_json.hpp). The check is what record_reader.hpp's would refuse: the line
// is one JSON object, with no raw control character anywhere, and every member the record vocabulary
// (tinkr/record_fields.hpp) knows has the JSON type the reader takes; other members are ignored, as
// the reader ignores them.
#pragma once

#include <tinkr/error.hpp>

#include <string>
#include <string_view>

namespace tinkr::host {

/// The record kind ("log", "metric_series", "span", "trace") a line's object starts with, as the
/// server writes it ({"type":"log",...}); empty for any other line (a table, row, warning, end or
/// error line, or a record written otherwise), which the caller reads as a whole object instead.
std::string_view record_line_type(std::string_view line);

/// Checks a line whose record_line_type is `type`. The error names the cause, as record_from_json's
/// errors do ("record (log): 'time_ns' must be a whole number"), or says the line is not JSON.
Expected<void> check_record_line(std::string_view line, std::string_view type);

}  // namespace tinkr::host
