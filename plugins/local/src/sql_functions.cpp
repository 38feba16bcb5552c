// sql_functions.cpp: see sql_functions.hpp.
#include "sql_functions.hpp"

#include <charconv>
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

}  // namespace

int register_sql_functions(sqlite3* db) {
  const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  int rc =
      sqlite3_create_function_v2(db, "tinkr_number", 1, flags, nullptr, &number, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return rc;
  return sqlite3_create_function_v2(db, "tinkr_text", 1, flags, nullptr, &text, nullptr, nullptr, nullptr);
}

}  // namespace tinkr::local
