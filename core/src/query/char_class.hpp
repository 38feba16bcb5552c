// The query scanner's character classes: what each byte means to the tokenizer, one table lookup
// instead of a chain of comparisons for every character of the query.
#pragma once

#include <array>
#include <cstdint>

namespace tinkr::query::detail {

enum CharClass : uint8_t {
  kSpace = 1,          // separates tokens
  kEndsWord = 2,       // a space, a parenthesis or a quote: ends any bare token
  kEndsFieldName = 4,  // ':' '<' '>' '=' (and '!' when '=' follows): ends a field name
  kEscape = 8,         // '\\'
};

inline constexpr auto kCharClasses = [] {
  std::array<uint8_t, 256> classes{};
  for (unsigned char c : {' ', '\t', '\n', '\r'}) classes[c] = kSpace | kEndsWord;
  for (unsigned char c : {'(', ')', '"'}) classes[c] = kEndsWord;
  for (unsigned char c : {':', '<', '>', '=', '!'}) classes[c] = kEndsFieldName;
  classes[static_cast<unsigned char>('\\')] = kEscape;
  return classes;
}();

inline uint8_t char_class(char c) {
  return kCharClasses[static_cast<unsigned char>(c)];
}

}  // namespace tinkr::query::detail
