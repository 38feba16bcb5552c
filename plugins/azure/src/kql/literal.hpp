// KQL literals: the only way a user value reaches KQL text. Strings become one double-quoted literal
// with every character that could end or bend it escaped; numbers, times and durations are checked
// and printed in a form the Kusto parser reads back exactly.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tinkr::azure::kql {

/// Appends `value` as one KQL string literal: "..." with \\ \" \n \r \t escaped and every other
/// control character (and DEL) as \uXXXX. Non-ASCII UTF-8 passes through. Throws
/// sdk::Error(TINKR_INVALID_QUERY) naming `what` when value is not valid UTF-8.
///   a"b\c  ->  "a\"b\\c"      line1<LF>line2  ->  "line1\nline2"
void append_string(std::string& out, std::string_view value, std::string_view what = "value");

/// The literal as a new string (tests, error messages).
std::string quote(std::string_view value);

/// datetime(2024-05-01T10:00:00Z); a fraction is printed in 100 ns ticks (Kusto's precision),
/// truncated: 1714557600123456789 -> datetime(2024-05-01T10:00:00.1234567Z).
void append_datetime(std::string& out, int64_t unix_ns);

/// ISO 8601 UTC text as Azure's timespan and Metrics parameters want it: 2024-05-01T10:00:00Z.
std::string format_iso8601(int64_t unix_ns);

/// A decimal integer.
void append_long(std::string& out, int64_t value);

/// A real literal that Kusto reads back exactly; throws sdk::Error(TINKR_INVALID_QUERY) for NaN or
/// infinities, which have no comparable literal. 1.5 -> 1.5, 3.0 -> 3.0, 1e300 -> 1e300.
void append_real(std::string& out, double value, std::string_view what = "value");

/// Nanoseconds as exact milliseconds (the unit of DurationMs): 1500000000 -> 1500,
/// 1234567 -> 1.234567. Negative durations are refused (TINKR_INVALID_QUERY).
void append_milliseconds(std::string& out, int64_t ns, std::string_view what = "duration");

/// True when s is well-formed UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF).
bool is_valid_utf8(std::string_view s) noexcept;

}  // namespace tinkr::azure::kql
