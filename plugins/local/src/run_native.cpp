// run_native.cpp: the user's own SQL, read-only, streamed as a generic table.
#include "run.hpp"

#include <memory>
#include <string>
#include <vector>

namespace tinkr::local {

namespace {

std::string_view type_name(int sqlite_type) {
  switch (sqlite_type) {
    case SQLITE_INTEGER:
      return "long";
    case SQLITE_FLOAT:
      return "real";
    case SQLITE_BLOB:
      return "blob";
    default:
      return "string";
  }
}

// Declared types first (a column of a table), else the first row's value (an expression).
std::string_view column_type(sqlite3_stmt* stmt, int i, bool has_row) {
  if (const char* declared = sqlite3_column_decltype(stmt, i)) {
    std::string d(declared);
    for (auto& c : d) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    if (d.find("INT") != std::string::npos) return "long";
    if (d.find("REAL") != std::string::npos || d.find("FLOA") != std::string::npos ||
        d.find("DOUB") != std::string::npos)
      return "real";
    return "string";
  }
  return has_row ? type_name(sqlite3_column_type(stmt, i)) : "string";
}

// A connection opened read-only can still ATTACH other files; a native query reads this database only.
int deny_attach(void*, int action, const char*, const char*, const char*, const char*) {
  return action == SQLITE_ATTACH || action == SQLITE_DETACH ? SQLITE_DENY : SQLITE_OK;
}

}  // namespace

void run_native(Connection& read_only, std::string_view sql, sdk::Sink& sink) {
  sqlite3_set_authorizer(read_only.raw(), &deny_attach, nullptr);
  sqlite3_stmt* raw = nullptr;
  const char* tail = nullptr;
  int rc = sqlite3_prepare_v2(read_only.raw(), sql.data(), static_cast<int>(sql.size()), &raw, &tail);
  sqlite3_set_authorizer(read_only.raw(), nullptr, nullptr);
  if (rc != SQLITE_OK)
    throw sdk::Error(TINKR_INVALID_QUERY, std::string("native sql: ") + sqlite3_errmsg(read_only.raw()));
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt(raw, &sqlite3_finalize);
  if (!stmt) throw sdk::Error(TINKR_INVALID_QUERY, "native sql: empty statement");
  std::string_view rest(tail, static_cast<std::size_t>(sql.data() + sql.size() - tail));
  if (rest.find_first_not_of(" \t\r\n;") != std::string_view::npos)
    throw sdk::Error(TINKR_INVALID_QUERY,
                     "native sql: one statement at a time (found more after the first ';')");
  if (!sqlite3_stmt_readonly(stmt.get()))
    throw sdk::Error(TINKR_INVALID_QUERY,
                     "native sql: only read-only statements are allowed (SELECT, WITH, ...)");

  const int columns = sqlite3_column_count(stmt.get());
  auto step = [&] {
    int r = sqlite3_step(stmt.get());
    if (r == SQLITE_ROW) return true;
    if (r == SQLITE_DONE) return false;
    read_only.fail("native sql", r);
  };
  bool has_row = step();
  std::vector<std::string> names;
  std::vector<sdk::Column> header;
  for (int i = 0; i < columns; ++i) names.emplace_back(sqlite3_column_name(stmt.get(), i));
  for (int i = 0; i < columns; ++i)
    header.push_back({names[static_cast<std::size_t>(i)], column_type(stmt.get(), i, has_row)});
  if (!sink.begin_table("result", header)) return;
  std::vector<tinkr_str> cells(static_cast<std::size_t>(columns));
  for (; has_row; has_row = step()) {
    for (int i = 0; i < columns; ++i) {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt.get(), i));
      cells[static_cast<std::size_t>(i)] =
          text ? tinkr_str{text, static_cast<uint64_t>(sqlite3_column_bytes(stmt.get(), i))}
               : tinkr_str{nullptr, 0};
    }
    if (!sink.emit_row(cells)) return;
  }
}

}  // namespace tinkr::local
