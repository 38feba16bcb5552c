// The process environment backed by ~/.tinkr/.env.
#include "config/environment.hpp"

#include <tinkr/config.hpp>
#include <tinkr/redact.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace tinkr::config::detail {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
    text.remove_suffix(1);
  return text;
}

bool is_variable_name(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  for (char c : name)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
      return false;
  return true;
}

/// The value part of a line: quoted values keep everything between the quotes (double quotes know \n
/// \" and \\); an unquoted value ends at a " #" comment.
std::optional<std::string> read_value(std::string_view raw) {
  raw = trim(raw);
  if (!raw.empty() && (raw.front() == '"' || raw.front() == '\'')) {
    const char quote = raw.front();
    std::string out;
    for (std::size_t i = 1; i < raw.size(); ++i) {
      char c = raw[i];
      if (c == quote) {
        const std::string_view rest = trim(raw.substr(i + 1));
        if (!rest.empty() && rest.front() != '#') return std::nullopt;
        return out;
      }
      if (quote == '"' && c == '\\' && i + 1 < raw.size()) {
        c = raw[++i];
        if (c == 'n') c = '\n';
      }
      out += c;
    }
    return std::nullopt;  // no closing quote
  }
  if (auto comment = raw.find(" #"); comment != std::string_view::npos) raw = trim(raw.substr(0, comment));
  return std::string(raw);
}

}  // namespace

Expected<std::map<std::string, std::string>> parse_dotenv(std::string_view text, const std::string& origin) {
  std::map<std::string, std::string> values;
  int line_number = 0;
  while (!text.empty()) {
    const auto end = text.find('\n');
    std::string_view line = trim(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++line_number;
    if (line.empty() || line.front() == '#') continue;
    if (line.starts_with("export ")) line = trim(line.substr(7));
    const auto equals = line.find('=');
    const std::string_view name = equals == std::string_view::npos ? line : trim(line.substr(0, equals));
    std::optional<std::string> value;
    if (equals != std::string_view::npos && is_variable_name(name))
      value = read_value(line.substr(equals + 1));
    if (!value)
      return fail(Error::Code::config, "config " + origin + ":" + std::to_string(line_number) +
                                           ": expected NAME=value (a variable name, '=', then the value)");
    if (is_secret_name(name)) remember_secret(*value);
    values.insert_or_assign(std::string(name), std::move(*value));
  }
  return values;
}

std::string Environment::dotenv_path() const {
  return tinkr_dir(home_) + "/.env";
}

Expected<std::optional<std::string>> Environment::lookup(const std::string& name) {
  if (const char* value = std::getenv(name.c_str())) return std::optional<std::string>(value);
  if (!dotenv_) {
    std::ifstream file(dotenv_path(), std::ios::binary);
    if (!file) {
      dotenv_.emplace();
    } else {
      std::stringstream content;
      content << file.rdbuf();
      auto parsed = parse_dotenv(content.str(), dotenv_path());
      if (!parsed) return tl::make_unexpected(parsed.error());
      dotenv_ = std::move(*parsed);
    }
  }
  auto it = dotenv_->find(name);
  if (it == dotenv_->end()) return std::optional<std::string>();
  return std::optional<std::string>(it->second);
}

}  // namespace tinkr::config::detail
