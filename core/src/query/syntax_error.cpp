// The caret-under-the-input error message of the query parser.
#include "query/syntax_error.hpp"

#include <string>

namespace tinkr::query::detail {
namespace {

bool is_continuation_byte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

}  // namespace

Error syntax_error(std::string_view input, std::size_t position, std::string_view what) {
  if (position > input.size()) position = input.size();
  std::size_t column = 1;
  for (std::size_t i = 0; i < position; ++i) column += is_continuation_byte(input[i]) ? 0 : 1;
  std::string message = "invalid query: ";
  message.append(what);
  message += " at column " + std::to_string(column) + "\n  ";
  // Tabs and newlines would move the caret away from its place; the echo shows them as spaces.
  for (char c : input) message += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  message += "\n  ";
  message.append(column - 1, ' ');
  message += '^';
  return Error(Error::Code::invalid_query, std::move(message));
}

}  // namespace tinkr::query::detail
