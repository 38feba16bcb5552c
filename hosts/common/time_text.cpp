// RFC 3339 and duration text for printing records.
#include "common/time_text.hpp"

#include <cstdio>
#include <ctime>

namespace tinkr::host {

std::string format_time(int64_t unix_ns) {
  if (unix_ns <= 0) return "";
  const std::time_t seconds = static_cast<std::time_t>(unix_ns / 1'000'000'000);
  const int millis = static_cast<int>((unix_ns / 1'000'000) % 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, millis);
  return text;
}

std::string format_duration(int64_t ns) {
  char text[32];
  if (ns < 0) ns = 0;
  if (ns < 1'000) {
    std::snprintf(text, sizeof text, "%lldns", static_cast<long long>(ns));
  } else if (ns < 1'000'000) {
    std::snprintf(text, sizeof text, "%.1fµs", static_cast<double>(ns) / 1e3);
  } else if (ns < 1'000'000'000) {
    std::snprintf(text, sizeof text, "%.1fms", static_cast<double>(ns) / 1e6);
  } else if (ns < 60'000'000'000) {
    std::snprintf(text, sizeof text, "%.2fs", static_cast<double>(ns) / 1e9);
  } else {
    const long long seconds = ns / 1'000'000'000;
    std::snprintf(text, sizeof text, "%lldm%02llds", seconds / 60, seconds % 60);
  }
  return text;
}

}  // namespace tinkr::host
