// When and how long to wait before sending a request again: the retryable statuses, the server's
// advice (x-ms-retry-after-ms, retry-after-ms, Retry-After in seconds or as an HTTP date) and
// exponential backoff with jitter.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace tinkr::http {

struct Response;

/// 408, 429, 500, 502, 503, 504.
bool is_retryable_status(int status) noexcept;

/// An advised wait too long to count in milliseconds (Retry-After: 9223372036854775807): past any deadline.
inline constexpr std::chrono::milliseconds kUnboundedRetryDelay = std::chrono::milliseconds::max();

/// The server's advised wait, or nullopt when it gave none (or gave garbage). An HTTP date in the
/// past is a wait of 0; a wait too long to represent is kUnboundedRetryDelay (never negative).
/// now is the wall clock, for dates.
std::optional<std::chrono::milliseconds> advised_retry_delay(const Response& response,
                                                             std::chrono::system_clock::time_point now);

/// Parses an IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"); nullopt when it is not one.
std::optional<std::chrono::system_clock::time_point> parse_http_date(std::string_view text);

/// The delay before retry number `retry` (0 for the first): base * 2^retry, capped at cap, then
/// scaled by a factor in [0.5, 1] (jitter, so clients throttled together do not return together).
/// unit_random is in [0, 1).
std::chrono::milliseconds backoff_delay(int retry, std::chrono::milliseconds base,
                                        std::chrono::milliseconds cap, double unit_random) noexcept;

}  // namespace tinkr::http
