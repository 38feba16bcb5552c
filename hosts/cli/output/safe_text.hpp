// Text from data (log messages, upstream errors, native cells) made safe for a terminal: control
// characters would otherwise move the cursor, retitle the window (ESC ] 0 ; ... BEL) or hide lines.
// They are shown visibly instead: C0 controls and DEL as \x1b-style escapes, C1 controls
// (U+0080..U+009F, which some terminals obey as ESC-sequences) as \u009b, and bytes that are not
// UTF-8 as \xff. Everything else (printable UTF-8) passes unchanged.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <string_view>

namespace tinkr::cli {

/// Escapes every control character except those listed in `keep` (e.g. "\n" for a whole output).
std::string escape_controls(std::string_view text, std::string_view keep = {});

/// How many bytes at the end of text are the start of a UTF-8 sequence that is not complete yet.
std::size_t incomplete_utf8_tail(std::string_view text);

/// A stream that writes to `terminal` with escape_controls applied (line breaks and tabs kept): what
/// json, ndjson and csv output go through when stdout is a terminal.
std::unique_ptr<std::ostream> make_terminal_safe_stream(std::ostream& terminal);

}  // namespace tinkr::cli
