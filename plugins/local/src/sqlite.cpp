// sqlite.cpp: the RAII owners of sqlite.hpp.
#include "sqlite.hpp"

#include "sql_functions.hpp"

#include <utility>

namespace tinkr::local {

namespace {

int open_flags(Connection::Mode mode) {
  // NOMUTEX: a connection is used by one thread at a time (the pool hands it out), so SQLite's own
  // serialisation would only cost time.
  int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
  switch (mode) {
    case Connection::Mode::read_write_create:
      return flags | SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    case Connection::Mode::read_write:
      return flags | SQLITE_OPEN_READWRITE;
    case Connection::Mode::read_only:
      return flags | SQLITE_OPEN_READONLY;
  }
  return flags;
}

}  // namespace

Connection::Connection(const std::string& path, Mode mode) : path_(path), mode_(mode) {
  int rc = sqlite3_open_v2(path.c_str(), &db_, open_flags(mode), nullptr);
  if (rc != SQLITE_OK) {
    std::string reason = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw sdk::Error(TINKR_CONFIG, "local database '" + path + "': cannot open: " + reason);
  }
  try {
    configure(mode);
  } catch (...) {
    // A constructor that throws runs no destructor: a file that is no database fails only here, at
    // the first statement, and its handle would leak.
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw;
  }
}

void Connection::configure(Mode mode) {
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 10'000);
  if (int fn = register_sql_functions(db_); fn != SQLITE_OK) fail("registering SQL functions", fn);
  // A big page cache for the writer keeps an ingest's index updates in memory until commit; without
  // it, four indexes on random-ish keys thrash the default 2 MiB cache and ingest waits on I/O.
  // Readers get a page cache and in-memory sorting too: a pooled reader keeps an hour's spans cached
  // between queries, and GROUP BY / ORDER BY / window sorts no longer go through temporary files (a
  // search_traces call on the demo hour spent most of its time in pread and pwrite without them).
  // Readers also map the file: concurrent queries (`tinkr incident` runs three at once) then share the
  // kernel's pages instead of each copying them into its own cache, a third of the report's system
  // time. Tinkr never shrinks the file (no VACUUM, no auto_vacuum), so a mapped page does not vanish
  // under a reader.
  if (mode != Mode::read_only)
    exec(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536; PRAGMA "
        "temp_store=MEMORY;");
  else
    exec("PRAGMA cache_size=-32768; PRAGMA temp_store=MEMORY; PRAGMA mmap_size=1073741824;");
}

Connection::~Connection() {
  sqlite3_close_v2(db_);
}

void Connection::exec(const char* sql) {
  char* message = nullptr;
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    std::string reason = message ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    throw sdk::Error((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT ? TINKR_CONFIG
                     : (rc & 0xff) == SQLITE_READONLY                              ? TINKR_UNSUPPORTED
                                                                                   : TINKR_INTERNAL,
                     "local database '" + path_ + "': " + reason);
  }
}

void Connection::set_cancel_check(std::function<bool()> is_cancelled) {
  is_cancelled_ = std::move(is_cancelled);
  // Every 1000 virtual-machine steps: a few microseconds, so cancellation is prompt and cheap.
  if (is_cancelled_)
    sqlite3_progress_handler(db_, 1000, &Connection::on_progress, this);
  else
    sqlite3_progress_handler(db_, 0, nullptr, nullptr);
}

int Connection::on_progress(void* self) noexcept {
  try {
    auto* c = static_cast<Connection*>(self);
    return c->is_cancelled_ && c->is_cancelled_() ? 1 : 0;
  } catch (...) {
    return 1;
  }
}

void Connection::fail(std::string_view doing, int rc) const {
  if ((rc & 0xff) == SQLITE_INTERRUPT) throw sdk::Error(TINKR_CANCELLED, "query cancelled");
  std::string message = "local database '" + path_ + "': " + std::string(doing) + ": " + sqlite3_errmsg(db_);
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      throw sdk::Error(TINKR_UPSTREAM_UNAVAILABLE, message, /*retryable=*/true);
    case SQLITE_READONLY:
      throw sdk::Error(TINKR_UNSUPPORTED, message);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      throw sdk::Error(TINKR_CONFIG, message);
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
      throw sdk::Error(TINKR_UPSTREAM_UNAVAILABLE, message);
    default:
      throw sdk::Error(TINKR_INTERNAL, message);
  }
}

Statement::Statement(Connection& connection, std::string_view sql) : connection_(connection) {
  int rc = sqlite3_prepare_v3(connection.raw(), sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
  if (rc != SQLITE_OK) connection.fail("preparing SQL", rc);
}

Statement::~Statement() {
  sqlite3_finalize(stmt_);
}

void Statement::bind(int index, const ir::Value& value) {
  switch (value.index()) {
    case 0:
      bind_text(index, std::get<std::string>(value), /*transient=*/true);
      break;
    case 1:
      bind_int(index, std::get<int64_t>(value));
      break;
    case 2:
      bind_double(index, std::get<double>(value));
      break;
    case 3:
      bind_int(index, std::get<bool>(value) ? 1 : 0);
      break;
  }
}

void Statement::bind_int(int index, int64_t value) {
  int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK) connection_.fail("binding a parameter", rc);
}

void Statement::bind_double(int index, double value) {
  int rc = sqlite3_bind_double(stmt_, index, value);
  if (rc != SQLITE_OK) connection_.fail("binding a parameter", rc);
}

void Statement::bind_text(int index, std::string_view text, bool transient) {
  int rc = sqlite3_bind_text64(stmt_, index, text.data() ? text.data() : "", text.size(),
                               transient ? SQLITE_TRANSIENT : SQLITE_STATIC, SQLITE_UTF8);
  if (rc != SQLITE_OK) connection_.fail("binding a parameter", rc);
}

void Statement::bind_null(int index) {
  int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK) connection_.fail("binding a parameter", rc);
}

bool Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  connection_.fail("running SQL", rc);
}

void Statement::reset() noexcept {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

void Statement::run() {
  step();
  reset();
}

std::string_view Statement::column_text(int i) const noexcept {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, i));
  if (!text) return {};
  return {text, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, i))};
}

Transaction::Transaction(Connection& connection) : connection_(connection) {
  connection_.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
  if (!open_) return;
  try {
    connection_.exec("ROLLBACK");
  } catch (...) {
    // the connection is unusable anyway; the next BEGIN reports it
  }
}

void Transaction::commit() {
  connection_.exec("COMMIT");
  open_ = false;
}

}  // namespace tinkr::local
