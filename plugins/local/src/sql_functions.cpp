// sql_functions.cpp: see sql_functions.hpp.
#include "sql_functions.hpp"

#include <re2/re2.h>

#include <charconv>
#include <memory>
#include <string>
#include <string_view>

namespace tinkr::local {

namespace {

void number(sqlite3_context* context, int, sqlite3_value** argv) {
  switch (sqlite3_value_type(argv[0])) {
    case SQLITE_INTEGER:
    case SQLITE_FLOAT:
      sqlite3_result_double(context, sqlite3_value_double(argv[0]));
      return;
    case SQLITE_TEXT: {
      const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
      const int size = sqlite3_value_bytes(argv[0]);
      double value = 0;
      auto [end, ec] = std::from_chars(text, text + size, value);
      if (size > 0 && ec == std::errc() && end == text + size)
        sqlite3_result_double(context, value);
      else
        sqlite3_result_null(context);
      return;
    }
    default:
      sqlite3_result_null(context);
  }
}

void text(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) != SQLITE_FLOAT) {
    sqlite3_result_value(context, argv[0]);
    if (sqlite3_value_type(argv[0]) == SQLITE_INTEGER) {
      char buffer[32];
      auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, sqlite3_value_int64(argv[0]));
      sqlite3_result_text(context, buffer, static_cast<int>(end - buffer), SQLITE_TRANSIENT);
    }
    return;
  }
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, sqlite3_value_double(argv[0]));
  if (ec == std::errc())
    sqlite3_result_text(context, buffer, static_cast<int>(end - buffer), SQLITE_TRANSIENT);
  else
    sqlite3_result_null(context);
}

void delete_regex(void* regex) {
  delete static_cast<re2::RE2*>(regex);
}

// X REGEXP P calls regexp(P, X). The compiled pattern is kept as SQLite auxiliary data on the
// pattern argument, so a statement compiles a constant pattern once however many rows it tests.
void regexp(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL) {
    sqlite3_result_null(context);
    return;
  }
  const auto* kept = static_cast<const re2::RE2*>(sqlite3_get_auxdata(context, 0));
  std::unique_ptr<re2::RE2> compiled;
  if (!kept) {
    const auto* pattern = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
    re2::RE2::Options options;
    options.set_log_errors(false);  // the reason goes to the query's error, not to stderr
    compiled = std::make_unique<re2::RE2>(
        re2::StringPiece(pattern, static_cast<std::size_t>(sqlite3_value_bytes(argv[0]))), options);
    if (!compiled->ok()) {
      const std::string reason = "invalid regex: " + compiled->error();
      sqlite3_result_error(context, reason.c_str(), static_cast<int>(reason.size()));
      return;
    }
  }
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[1]));
  const auto size = static_cast<std::size_t>(sqlite3_value_bytes(argv[1]));
  const re2::RE2& regex = kept ? *kept : *compiled;
  sqlite3_result_int(context, re2::RE2::PartialMatch(re2::StringPiece(text ? text : "", size), regex));
  // SQLite keeps it for the next row when the pattern is a constant, and frees it at once otherwise.
  if (compiled) sqlite3_set_auxdata(context, 0, compiled.release(), &delete_regex);
}

}  // namespace

int register_sql_functions(sqlite3* db) {
  const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  int rc =
      sqlite3_create_function_v2(db, "tinkr_number", 1, flags, nullptr, &number, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return rc;
  rc = sqlite3_create_function_v2(db, "tinkr_text", 1, flags, nullptr, &text, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return rc;
  return sqlite3_create_function_v2(db, "regexp", 2, flags, nullptr, &regexp, nullptr, nullptr, nullptr);
}

}  // namespace tinkr::local
