// tinkr/query.hpp: the Tinkr query language, parsed into the IR's filter tree, plus the durations,
// times and time ranges the language and the hosts share.
//
//   level:ERROR                      severity eq error (the whole ERROR range, 17..20)
//   level:(ERROR OR WARN)            an or of the two
//   "connection timeout"             the message contains the phrase (case-insensitive)
//   timeout                          a bare word: the message contains it
//   a AND b, a OR b, NOT a, a b      boolean operators (any case); juxtaposition is AND
//   severity>=warn duration>1.5s status_code>=500   comparisons
//   name:GET*                        startswith
//   message:/time(d )?out/           regex (matches)
//   _exists_:trace_id                exists
//   attributes.http.method:POST      attribute paths
//   *                                everything
#pragma once

#include <tinkr/error.hpp>
#include <tinkr/ir.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace tinkr::query {

/// Parses query-language text into a filter. An empty or `*` query is Filter::all(). A syntax error
/// is Error::Code::invalid_query whose message shows the input with a caret under the position and
/// says what was expected.
Expected<ir::Filter> parse_filter(std::string_view text);

/// "250ms", "1.5s", "15m", "1h", "2d", "1w" -> nanoseconds.
Expected<int64_t> parse_duration(std::string_view text);

/// RFC 3339 ("2026-11-25T10:00:00Z", offsets and fractions allowed) or relative ("now", "now-1h")
/// -> Unix nanoseconds, relative to now_ns.
Expected<int64_t> parse_time(std::string_view text, int64_t now_ns);

/// The range a host's flags describe: either since (a duration back from now) or from/to (times;
/// `to` defaults to now). Empty everything means the last hour.
Expected<ir::TimeRange> parse_time_range(std::string_view since, std::string_view from, std::string_view to,
                                         int64_t now_ns);

}  // namespace tinkr::query
