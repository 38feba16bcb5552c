// What every error message goes through on its way into tinkr::Error (issue 13.16/13.17): secrets
// redacted, valid UTF-8 with invalid bytes and control characters escaped (NUL included: a message
// never ends early in C), and a bounded size, so that hosts can print any Error as it is.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tinkr::detail {

/// The longest message kept, in bytes, before the note of what was cut.
inline constexpr std::size_t kMaxMessageBytes = 4096;

/// text redacted (redact_secrets), then with each byte that is not part of valid UTF-8, each control
/// character but newline and tab, and DEL written as \xNN; cut at a character boundary to about
/// kMaxMessageBytes with "... (N more bytes)" when longer.
std::string clean_message(std::string_view text);

}  // namespace tinkr::detail
