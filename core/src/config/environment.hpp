// Environment variables as configuration sees them: the process environment first, then
// ~/.tinkr/.env, which fills in only what the environment leaves unset.
#pragma once

#include <tinkr/error.hpp>

#include <map>
#include <optional>
#include <string>

namespace tinkr::config::detail {

/// KEY=VALUE lines of a .env file: blank lines and # comments skipped, `export ` allowed, values
/// optionally in single or double quotes. A line that is none of these is an error naming the line.
Expected<std::map<std::string, std::string>> parse_dotenv(std::string_view text, const std::string& origin);

class Environment {
 public:
  /// `home` as for tinkr_dir(); the .env file is read at most once, on the first lookup that needs it.
  explicit Environment(std::string home) : home_(std::move(home)) {}

  /// The variable's value (an empty value counts as set), or nullopt when neither source has it.
  Expected<std::optional<std::string>> lookup(const std::string& name);

  /// Where the .env file is, for messages.
  std::string dotenv_path() const;

 private:
  std::string home_;
  std::optional<std::map<std::string, std::string>> dotenv_;
};

}  // namespace tinkr::config::detail
