// Points in time (RFC 3339 or relative to now) and the time ranges hosts build from --since/--from/--to.
// "now" always comes in as an argument, so the same text gives the same answer in a test.
#include "tinkr/query.hpp"

#include <tinkr/sdk/rfc3339.hpp>

#include <limits>

namespace tinkr::query {
namespace {

constexpr int64_t kSecond = 1'000'000'000;
constexpr int64_t kHour = 3600 * kSecond;

Unexpected invalid_time(std::string_view text, std::string_view why) {
  return fail(Error::Code::invalid_query, "invalid time '" + std::string(text) + "': " + std::string(why));
}

constexpr std::string_view kExpectedTime =
    "expected RFC 3339 (2026-11-25T10:00:00Z, 2026-11-25T10:00:00.5+01:00, 2026-11-25) or now, now-1h";

Expected<int64_t> parse_rfc3339(std::string_view text) {
  const auto parsed = sdk::rfc3339::parse(text);
  if (parsed.problem == sdk::rfc3339::Problem::shape) return invalid_time(text, kExpectedTime);
  if (!parsed) return invalid_time(text, sdk::rfc3339::describe(parsed.problem));
  return parsed.unix_ns;
}

}  // namespace

Expected<int64_t> parse_time(std::string_view text, int64_t now_ns) {
  if (text.starts_with("now")) {
    const std::string_view rest = text.substr(3);
    if (rest.empty()) return now_ns;
    if (rest[0] != '-' && rest[0] != '+')
      return invalid_time(text, "expected now-<duration> or now+<duration>");
    auto duration = parse_duration(rest.substr(1));
    if (!duration) return invalid_time(text, duration.error().message());
    return rest[0] == '-' ? now_ns - *duration : now_ns + *duration;
  }
  return parse_rfc3339(text);
}

Expected<ir::TimeRange> parse_time_range(std::string_view since, std::string_view from, std::string_view to,
                                         int64_t now_ns) {
  if (!since.empty() && (!from.empty() || !to.empty()))
    return fail(Error::Code::invalid_query,
                "time range: give either a duration back from now (since) or from/to, not both");
  if (!since.empty()) {
    auto duration = parse_duration(since);
    if (!duration) return tl::make_unexpected(duration.error().with_context("time range: since"));
    return ir::TimeRange{now_ns - *duration, now_ns};
  }
  if (from.empty() && to.empty()) return ir::TimeRange{now_ns - kHour, now_ns};
  ir::TimeRange range{0, now_ns};
  if (!to.empty()) {
    auto end = parse_time(to, now_ns);
    if (!end) return tl::make_unexpected(end.error().with_context("time range: to"));
    range.to_ns = *end;
  }
  if (from.empty()) {
    range.from_ns = range.to_ns - kHour;
  } else {
    auto start = parse_time(from, now_ns);
    if (!start) return tl::make_unexpected(start.error().with_context("time range: from"));
    range.from_ns = *start;
  }
  if (range.from_ns >= range.to_ns)
    return fail(Error::Code::invalid_query, "time range: from (" + std::string(from) +
                                                ") is not before to (" +
                                                std::string(to.empty() ? "now" : to) + ")");
  return range;
}

std::string format_utc(int64_t unix_ns) {
  return sdk::rfc3339::format(unix_ns, sdk::rfc3339::Digits::none);
}

std::string format_span(int64_t ns) {
  struct Unit {
    int64_t ns;
    const char* name;
  };
  static constexpr Unit kUnits[] = {{24 * kHour, "day"}, {kHour, "hour"}, {60 * kSecond, "minute"}};
  for (const auto& unit : kUnits)
    if (ns >= unit.ns && ns % unit.ns == 0) {
      const int64_t n = ns / unit.ns;
      return std::to_string(n) + " " + unit.name + (n == 1 ? "" : "s");
    }
  const int64_t n = ns / kSecond;
  return std::to_string(n) + (n == 1 ? " second" : " seconds");
}

}  // namespace tinkr::query
