// A small lexical scan of KQL text, enough to tell which tables, tabular operators and functions a
// query names without parsing it: string literals (quoted, verbatim @"..", multi-line ```..```) and
// comments are skipped, so a table name inside a message filter is not taken for a table.
#pragma once

#include <string_view>
#include <vector>

namespace tinkr::azure::kql {

/// One identifier (letters, digits, '_', '-' inside a name such as project-away) and where it stands.
struct Word {
  std::string_view text;
  bool starts_stage = false;  // first word of the query, of a statement (after ';') or after a '|'
  bool called = false;        // followed by '(' : a function or operator call
  bool after_dot = false;     // `x.y`: a member, not a table
};

/// A name Log Analytics allows for a table: letters, digits and '_', at most 63 characters (custom
/// tables end in _CL).
bool is_table_name(std::string_view name);

/// The words of kql in order. Never throws: unterminated literals end at the end of the text.
std::vector<Word> scan_words(std::string_view kql);

}  // namespace tinkr::azure::kql
