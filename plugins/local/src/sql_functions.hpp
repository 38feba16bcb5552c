// sql_functions.hpp: two SQL functions every connection gets, so that SQL reads numbers out of text
// and writes numbers as text exactly as the core's residual evaluator does (std::from_chars and
// std::to_chars), which SQLite's own CAST does not.
//   tinkr_number(x): x as a REAL when it is a number or text that spells one whole; else NULL
//   tinkr_text(x):   x as text; a REAL in its shortest round-trip form (0.1, 1234567, 1e+20)
#pragma once

#include <sqlite3.h>

namespace tinkr::local {

/// Registers the functions on `db`; returns SQLite's result code.
int register_sql_functions(sqlite3* db);

}  // namespace tinkr::local
