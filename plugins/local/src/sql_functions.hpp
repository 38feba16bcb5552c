// sql_functions.hpp: SQL functions every connection gets, so that SQL reads numbers out of text,
// writes numbers as text and matches regexes exactly as the core's residual evaluator does
// (std::from_chars, std::to_chars and RE2), which SQLite's own CAST and missing REGEXP do not.
//   tinkr_number(x): x as a REAL when it is a number or text that spells one whole; else NULL
//   tinkr_text(x):   x as text; a REAL in its shortest round-trip form (0.1, 1234567, 1e+20)
//   x REGEXP p:      1 when RE2 pattern p occurs anywhere in x (case-sensitive search), else 0;
//                    NULL when either is NULL; an error naming RE2's reason when p does not compile
#pragma once

#include <sqlite3.h>

namespace tinkr::local {

/// Registers the functions on `db`; returns SQLite's result code.
int register_sql_functions(sqlite3* db);

}  // namespace tinkr::local
