// What the CLI knows about its terminal: whether stdout/stderr are one, and whether to colour.
#pragma once

#include <cstddef>

namespace tinkr::cli {

bool stdout_is_terminal();
bool stderr_is_terminal();

/// The width of the terminal stdout is (0 when it is not one: no limit).
std::size_t terminal_width(bool is_terminal);

/// Colour only on a terminal, never when NO_COLOR is set to anything (no-color.org) or --no-color
/// was given.
bool use_colour(bool is_terminal, const char* no_color_env, bool no_color_flag);

}  // namespace tinkr::cli
