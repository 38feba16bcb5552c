// RFC 3339 and duration text for printing records.
#include "common/time_text.hpp"

#include <tinkr/sdk/rfc3339.hpp>

#include <cstdio>

namespace tinkr::host {

std::string format_time(int64_t unix_ns) {
  std::string text;
  append_time(text, unix_ns);
  return text;
}

void append_time(std::string& out, int64_t unix_ns) {
  char text[kMaxTimeTextSize];
  out.append(text, static_cast<std::size_t>(write_time(text, unix_ns) - text));
}

char* write_time(char* out, int64_t unix_ns) {
  return unix_ns > 0 ? sdk::rfc3339::write(out, unix_ns, sdk::rfc3339::Digits::milliseconds) : out;
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
