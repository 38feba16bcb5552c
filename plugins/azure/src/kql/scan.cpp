// The KQL word scan; see scan.hpp.
#include "kql/scan.hpp"

namespace tinkr::azure::kql {

namespace {

bool is_word_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
}

bool is_word_char(char c) {
  return is_word_start(c) || (c >= '0' && c <= '9');
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// The index just past a literal or comment starting at i, or i when none starts there.
std::size_t skip_literal(std::string_view kql, std::size_t i) {
  const auto rest = kql.substr(i);
  if (rest.starts_with("//")) {
    const auto end = kql.find('\n', i);
    return end == std::string_view::npos ? kql.size() : end + 1;
  }
  if (rest.starts_with("```")) {
    const auto end = kql.find("```", i + 3);
    return end == std::string_view::npos ? kql.size() : end + 3;
  }
  bool verbatim = false;
  if ((rest.starts_with("@\"") || rest.starts_with("@'"))) {
    verbatim = true;
    ++i;
  } else if ((rest.starts_with("h\"") || rest.starts_with("h'") || rest.starts_with("H\"") ||
              rest.starts_with("H'"))) {
    ++i;  // an obfuscated string literal
  }
  const char quote = kql[i];
  if (quote != '"' && quote != '\'') return i;
  for (std::size_t j = i + 1; j < kql.size(); ++j) {
    if (!verbatim && kql[j] == '\\') {
      ++j;
      continue;
    }
    if (kql[j] == quote) return j + 1;
  }
  return kql.size();
}

}  // namespace

bool is_table_name(std::string_view name) {
  if (name.empty() || name.size() > 63) return false;
  for (char c : name)
    if (!is_word_char(c) || c == '$') return false;
  return true;
}

std::vector<Word> scan_words(std::string_view kql) {
  std::vector<Word> words;
  bool stage_start = true;
  bool dot = false;
  std::size_t i = 0;
  while (i < kql.size()) {
    if (const std::size_t past = skip_literal(kql, i); past != i) {
      i = past;
      stage_start = dot = false;
      continue;
    }
    const char c = kql[i];
    if (is_space(c)) {
      ++i;
      continue;
    }
    if (is_word_start(c)) {
      std::size_t end = i + 1;
      // project-away, parse-where, mv-expand: a '-' joins two words with no space around it.
      while (end < kql.size() && (is_word_char(kql[end]) ||
                                  (kql[end] == '-' && end + 1 < kql.size() && is_word_start(kql[end + 1]))))
        ++end;
      std::size_t next = end;
      while (next < kql.size() && is_space(kql[next])) ++next;
      words.push_back({kql.substr(i, end - i), stage_start, next < kql.size() && kql[next] == '(', dot});
      stage_start = dot = false;
      i = end;
      continue;
    }
    if (c >= '0' && c <= '9') {  // a number (1h, 10.5, 0x1F) is no word
      while (i < kql.size() && (is_word_char(kql[i]) || kql[i] == '.')) ++i;
      stage_start = dot = false;
      continue;
    }
    stage_start = c == '|' || c == ';';
    dot = c == '.';
    ++i;
  }
  return words;
}

}  // namespace tinkr::azure::kql
