// Times and durations as the hosts print them: RFC 3339 UTC with milliseconds, and short durations
// ("850µs", "12.4ms", "1.20s").
#pragma once

#include <tinkr/sdk/rfc3339.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

namespace tinkr::host {

/// 1764064800123000000 -> "2025-11-25T10:00:00.123Z". Zero or negative -> "".
std::string format_time(int64_t unix_ns);
/// format_time's text appended to out (for writers that reuse one buffer instead of a string per time).
void append_time(std::string& out, int64_t unix_ns);
/// The most bytes write_time writes.
inline constexpr std::size_t kMaxTimeTextSize = sdk::rfc3339::kMaxTextSize;
/// format_time's text written at out (for writers that format in place); returns where it ends.
char* write_time(char* out, int64_t unix_ns);

/// 1500 -> "1.5µs", 12'400'000 -> "12.4ms", 1'200'000'000 -> "1.20s", 90 s -> "1m30s".
std::string format_duration(int64_t ns);

}  // namespace tinkr::host
