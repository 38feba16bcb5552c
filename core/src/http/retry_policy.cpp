// Retry decisions, kept apart from the I/O so that they are tested without sockets.
#include "http/retry_policy.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <ctime>
#include <limits>

#include "http/client.hpp"

namespace tinkr::http {
namespace {

// A whole non-negative decimal; a number of digits too long for int64 saturates to its maximum when
// `saturate` (a wait that long is past any deadline), else is refused.
std::optional<int64_t> parse_non_negative(std::string_view text, bool saturate = false) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (saturate && ec == std::errc::result_out_of_range && end == text.data() + text.size() &&
      text.front() != '-')
    return std::numeric_limits<int64_t>::max();
  if (ec != std::errc() || end != text.data() + text.size() || value < 0 || text.empty()) return std::nullopt;
  return value;
}

}  // namespace

bool is_retryable_status(int status) noexcept {
  switch (status) {
    case 408:
    case 429:
    case 500:
    case 502:
    case 503:
    case 504:
      return true;
    default:
      return false;
  }
}

std::optional<std::chrono::system_clock::time_point> parse_http_date(std::string_view text) {
  static constexpr std::string_view kMonths = "JanFebMarAprMayJunJulAugSepOctNovDec";
  // "Sun, 06 Nov 1994 08:49:37 GMT": fixed width, so positions are enough.
  if (text.size() != 29 || text.substr(3, 2) != ", " || text.substr(25) != " GMT") return std::nullopt;
  auto number = [&](std::size_t at, std::size_t len) { return parse_non_negative(text.substr(at, len)); };
  auto month = kMonths.find(text.substr(8, 3));
  auto day = number(5, 2), year = number(12, 4), hour = number(17, 2), minute = number(20, 2),
       second = number(23, 2);
  if (month == std::string_view::npos || month % 3 != 0 || !day || !year || !hour || !minute || !second)
    return std::nullopt;
  std::tm tm{};
  tm.tm_year = static_cast<int>(*year) - 1900;
  tm.tm_mon = static_cast<int>(month / 3);
  tm.tm_mday = static_cast<int>(*day);
  tm.tm_hour = static_cast<int>(*hour);
  tm.tm_min = static_cast<int>(*minute);
  tm.tm_sec = static_cast<int>(*second);
  std::time_t seconds = timegm(&tm);
  if (seconds == static_cast<std::time_t>(-1)) return std::nullopt;
  // The clock counts nanoseconds and ends in 2262; a later date (up to 9999) would overflow it.
  using std::chrono::system_clock;
  if (seconds >=
      std::chrono::duration_cast<std::chrono::seconds>(system_clock::time_point::max().time_since_epoch())
          .count())
    return system_clock::time_point::max();
  return system_clock::from_time_t(seconds);
}

std::optional<std::chrono::milliseconds> advised_retry_delay(const Response& response,
                                                             std::chrono::system_clock::time_point now) {
  using std::chrono::milliseconds;
  for (std::string_view name : {"x-ms-retry-after-ms", "retry-after-ms"})
    if (auto value = parse_non_negative(response.header(name), true)) return milliseconds(*value);
  std::string_view retry_after = response.header("retry-after");
  if (retry_after.empty()) return std::nullopt;
  if (auto seconds = parse_non_negative(retry_after, true)) {
    // Saturate rather than overflow: a wait of 2^63 s is "longer than any deadline", never negative.
    if (*seconds > kUnboundedRetryDelay.count() / 1000) return kUnboundedRetryDelay;
    return milliseconds(*seconds * 1000);
  }
  if (auto date = parse_http_date(retry_after))
    return std::max(milliseconds(0), std::chrono::duration_cast<milliseconds>(*date - now));
  return std::nullopt;
}

std::chrono::milliseconds backoff_delay(int retry, std::chrono::milliseconds base,
                                        std::chrono::milliseconds cap, double unit_random) noexcept {
  double full = static_cast<double>(base.count()) * std::pow(2.0, std::clamp(retry, 0, 30));
  full = std::min(full, static_cast<double>(cap.count()));
  return std::chrono::milliseconds(
      static_cast<int64_t>(full * (0.5 + 0.5 * std::clamp(unit_random, 0.0, 1.0))));
}

}  // namespace tinkr::http
