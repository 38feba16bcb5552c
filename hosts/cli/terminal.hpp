// What the CLI knows about its terminal: whether stdout/stderr are one, and whether to colour.
#pragma once

namespace tinkr::cli {

bool stdout_is_terminal();
bool stderr_is_terminal();

/// Colour only on a terminal, never when NO_COLOR is set to anything (no-color.org) or --no-color
/// was given.
bool use_colour(bool is_terminal, const char* no_color_env, bool no_color_flag);

}  // namespace tinkr::cli
