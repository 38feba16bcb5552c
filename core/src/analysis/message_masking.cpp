// Masking a message's variable parts. A token is a run of non-blank characters, except that a quote
// opening a value (at the token's start or after '=', ':', '(' or '[') runs to its closing quote, blanks
// included. A token with a digit is a value: numbers, ids (ord-100042, sku-1042), GUIDs, hex, times,
// addresses. Punctuation around it stays ("(<*>)", "<*>,"), a number's unit stays ("<*>ms", "<*>%"),
// and in key=value only the value is masked. A token without digits is a word and stays as it is.
#include "message_masking.hpp"

#include <tinkr/text.hpp>

#include <array>

namespace tinkr::analysis {
namespace {

constexpr std::string_view kWildcard = "<*>";

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_opening(char c) {
  return c == '(' || c == '[' || c == '{' || c == '<';
}
bool is_closing(char c) {
  return c == ',' || c == ';' || c == ':' || c == '.' || c == ')' || c == ']' || c == '}' || c == '>' ||
         c == '!' || c == '?';
}
bool has_digit(std::string_view text) {
  for (char c : text)
    if (is_digit(c)) return true;
  return false;
}

// Units that stay after a masked number: time, size, share, count suffixes.
constexpr std::array<std::string_view, 16> kUnits = {"ns", "us", "\xC2\xB5s", "ms", "s",   "m",   "h", "d",
                                                     "b",  "kb", "mb",        "gb", "kib", "mib", "%", "x"};

bool is_unit(std::string_view text) {
  for (auto unit : kUnits)
    if (equals_ignoring_case(text, unit)) return true;
  return false;
}

// The unit of "2000ms", "-1.5s", "12%" (empty for a bare number); false when `value` is no number.
bool number_unit(std::string_view value, std::string_view& unit) {
  std::size_t i = 0;
  if (i < value.size() && (value[i] == '-' || value[i] == '+')) ++i;
  const std::size_t digits_from = i;
  while (i < value.size() && is_digit(value[i])) ++i;
  if (i == digits_from) return false;
  if (i + 1 < value.size() && value[i] == '.' && is_digit(value[i + 1])) {
    ++i;
    while (i < value.size() && is_digit(value[i])) ++i;
  }
  unit = value.substr(i);
  return unit.empty() || is_unit(unit);
}

void write_value(std::string_view value, std::string& out) {
  std::string_view unit;
  out += kWildcard;
  if (number_unit(value, unit)) out += unit;
}

void write_token(std::string_view token, std::string& out) {
  if (!has_digit(token)) {
    out += token;
    return;
  }
  std::size_t from = 0, to = token.size();
  while (from < to && is_opening(token[from])) ++from;
  while (to > from && is_closing(token[to - 1])) --to;
  out += token.substr(0, from);
  std::string_view core = token.substr(from, to - from);
  const auto equals = core.find('=');
  if (equals != std::string_view::npos && equals > 0 && !has_digit(core.substr(0, equals))) {
    out += core.substr(0, equals + 1);
    core.remove_prefix(equals + 1);
  }
  if (!core.empty()) write_value(core, out);
  out += token.substr(to);
}

bool opens_quote(std::string_view line, std::size_t at, std::size_t token_start) {
  const char c = line[at];
  if (c != '"' && c != '\'') return false;
  if (at == token_start) return true;
  const char before = line[at - 1];
  return before == '=' || before == ':' || before == '(' || before == '[';
}

}  // namespace

void mask_tokens(std::string_view message, std::size_t max_tokens, std::string& out,
                 std::vector<TokenSpan>& tokens) {
  out.clear();
  tokens.clear();
  const std::string_view line = message.substr(0, message.find_first_of("\r\n"));
  std::size_t i = 0;
  while (tokens.size() < max_tokens) {
    while (i < line.size() && is_blank(line[i])) ++i;
    if (i == line.size()) break;
    const std::size_t start = i;
    std::size_t quote_open = std::string_view::npos, quote_close = 0;
    while (i < line.size() && !is_blank(line[i])) {
      if (quote_open == std::string_view::npos && opens_quote(line, i, start)) {
        const auto close = line.find(line[i], i + 1);
        if (close != std::string_view::npos) {
          quote_open = i;
          quote_close = close;
          i = close + 1;
          continue;
        }
      }
      ++i;
    }
    if (!out.empty()) out += ' ';
    const auto offset = static_cast<uint32_t>(out.size());
    if (quote_open == std::string_view::npos) {
      write_token(line.substr(start, i - start), out);
    } else {
      out += line.substr(start, quote_open - start);
      out += kWildcard;
      out += line.substr(quote_close + 1, i - quote_close - 1);
    }
    tokens.push_back({offset, static_cast<uint32_t>(out.size() - offset)});
  }
}

}  // namespace tinkr::analysis
