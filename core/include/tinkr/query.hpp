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
/// says what was expected. docs/query-language.md has the grammar; in short:
///   field:value on a string field is `eq` (case-sensitive, like KQL's == and SQL's =), except on
///   body/message where it is `contains`; field:(a OR b) of plain values becomes `in`; value* is
///   startswith, *value* contains, other globs a regex; field:* and _exists_:field are exists.
/// Relative times (`time>now-1h`) are taken from the system clock, read only when one appears.
Expected<ir::Filter> parse_filter(std::string_view text);

/// The same, with relative times resolved against now_ns (Unix nanoseconds), for tests and callers
/// that fix "now" once per request.
Expected<ir::Filter> parse_filter(std::string_view text, int64_t now_ns);

/// "250ms", "1.5s", "15m", "1h", "2d", "1w" -> nanoseconds; units ns, us, ms, s, m, h, d, w, and
/// sequences such as "1h30m". Negative or overflowing durations are errors.
Expected<int64_t> parse_duration(std::string_view text);

/// RFC 3339 ("2026-11-25T10:00:00Z", offsets and fractions allowed) or relative ("now", "now-1h")
/// -> Unix nanoseconds, relative to now_ns.
Expected<int64_t> parse_time(std::string_view text, int64_t now_ns);

/// The range a host's flags describe: either since (a duration back from now) or from/to (times;
/// `to` defaults to now). Empty everything means the last hour.
Expected<ir::TimeRange> parse_time_range(std::string_view since, std::string_view from, std::string_view to,
                                         int64_t now_ns);

/// Unix nanoseconds as RFC 3339 UTC text to the second ("2026-11-25T10:00:00Z"), for messages.
std::string format_utc(int64_t unix_ns);

/// A span of time for a person: "30 days", "1 hour", "90 minutes", "45 seconds".
std::string format_span(int64_t ns);

}  // namespace tinkr::query
