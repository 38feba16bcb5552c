// Terminal detection.
#include "terminal.hpp"

#include <unistd.h>

namespace tinkr::cli {

bool stdout_is_terminal() {
  return ::isatty(STDOUT_FILENO) == 1;
}

bool stderr_is_terminal() {
  return ::isatty(STDERR_FILENO) == 1;
}

bool use_colour(bool is_terminal, const char* no_color_env, bool no_color_flag) {
  const bool no_color = no_color_env != nullptr && no_color_env[0] != '\0';
  return is_terminal && !no_color && !no_color_flag;
}

}  // namespace tinkr::cli
