// The --limit flag (see limit_flag.hpp).
#include "commands/limit_flag.hpp"

#include <charconv>

namespace tinkr::cli {

void add_limit_flag(CLI::App& command, int64_t& limit, const std::string& description) {
  const CLI::Validator at_least_one(
      [](std::string& text) -> std::string {
        int64_t value = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec != std::errc() || end != text.data() + text.size())
          return "'" + text + "' is not a whole number";
        if (value < 1) return "'" + text + "' must be at least 1 (leave --limit out for the default)";
        return {};
      },
      "N>=1");
  command.add_option("--limit", limit, description)->check(at_least_one);
}

}  // namespace tinkr::cli
