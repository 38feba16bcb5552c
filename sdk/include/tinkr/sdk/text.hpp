// ASCII case-insensitive comparison, the one copy shared by the core, the hosts and plugins. Header
// names, URL schemes and hosts, keywords and enum spellings are ASCII and compare without regard to
// case; never by locale (std::tolower would follow the process locale).
#pragma once

#include <string>
#include <string_view>

namespace tinkr::sdk {

/// 'A'-'Z' to 'a'-'z'; every other byte unchanged.
constexpr char ascii_lower(char c) noexcept {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c;
}

/// "Content-Type" starts with "content-" ignoring ASCII case.
constexpr bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) noexcept {
  if (prefix.size() > text.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (ascii_lower(text[i]) != ascii_lower(prefix[i])) return false;
  return true;
}

/// "Authorization" == "authorization" ignoring ASCII case.
constexpr bool equals_ignoring_case(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && starts_with_ignoring_case(a, b);
}

/// A copy with 'A'-'Z' lowered: "HTTPS" -> "https".
inline std::string ascii_lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

}  // namespace tinkr::sdk
