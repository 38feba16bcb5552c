// Read-only checks of native query text (see native_guard.hpp). A small scanner that knows the
// languages' strings and comments, so that a '.' or ';' inside them is not taken for syntax.
#include "mcp/tools/native_guard.hpp"

#include <string>
#include <vector>

namespace tinkr::mcp {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

// Skips the string literal starting at i (the opening quote); returns the index after it.
std::size_t skip_quoted(std::string_view text, std::size_t i, bool backslash_escapes) {
  const char quote = text[i++];
  while (i < text.size()) {
    if (backslash_escapes && text[i] == '\\') {
      i += 2;
      continue;
    }
    if (text[i] == quote) {
      // SQL doubles a quote to escape it.
      if (!backslash_escapes && i + 1 < text.size() && text[i + 1] == quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    ++i;
  }
  return i;
}

struct Dialect {
  std::string_view line_comment;  // "//" or "--"
  bool block_comments;            // /* */
  bool backslash_escapes;
};

// The statements of text, each with its leading blanks and comments removed (empty ones dropped).
std::vector<std::string_view> statements(std::string_view text, const Dialect& d) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  bool at_start = true;  // still skipping blanks and comments before the statement's first token
  auto finish = [&](std::size_t end) {
    if (!at_start) out.push_back(text.substr(start, end - start));
    at_start = true;
  };
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (text.substr(i).starts_with(d.line_comment)) {
      const auto eol = text.find('\n', i);
      i = eol == std::string_view::npos ? text.size() : eol + 1;
      continue;
    }
    if (d.block_comments && text.substr(i).starts_with("/*")) {
      const auto end = text.find("*/", i + 2);
      i = end == std::string_view::npos ? text.size() : end + 2;
      continue;
    }
    if (c == ';') {
      finish(i);
      ++i;
      continue;
    }
    if (is_space(c)) {
      ++i;
      continue;
    }
    if (at_start) {
      at_start = false;
      start = i;
    }
    if (c == '\'' || c == '"' || (!d.backslash_escapes && c == '`'))
      i = skip_quoted(text, i, d.backslash_escapes);
    else
      ++i;
  }
  finish(text.size());
  return out;
}

std::string first_word(std::string_view statement) {
  std::string word;
  for (char c : statement) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '.')) break;
    word.push_back(static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c));
  }
  return word;
}

Unexpected refuse(std::string message) {
  return fail(Error::Code::invalid_query, std::move(message));
}

}  // namespace

Expected<void> check_read_only(std::string_view language, std::string_view text) {
  if (language == "kql") {
    const auto parts = statements(text, Dialect{"//", false, true});
    if (parts.empty()) return refuse("the query is empty");
    for (auto statement : parts) {
      if (statement.front() != '.') continue;
      std::string command(statement.substr(0, statement.find_first_of(" \t\r\n(")));
      return refuse("'" + command +
                    "' is a Kusto management command; run_native_query runs read-only queries only "
                    "(no .drop, .set, .ingest, .alter, .create, ...)");
    }
    return {};
  }
  if (language == "sql") {
    const auto parts = statements(text, Dialect{"--", true, false});
    if (parts.empty()) return refuse("the query is empty");
    if (parts.size() > 1)
      return refuse("one SQL statement at a time (found " + std::to_string(parts.size()) + ")");
    const std::string word = first_word(parts.front());
    if (word != "SELECT" && word != "WITH")
      return refuse("only a read-only SELECT or WITH query may run here, not '" +
                    (word.empty() ? std::string(parts.front().substr(0, 20)) : word) + "'");
    return {};
  }
  return fail(Error::Code::unsupported, "this backend's native language ('" + std::string(language) +
                                            "') has no read-only check, so run_native_query is off for it");
}

}  // namespace tinkr::mcp
