// sqlite.hpp: thin RAII owners of a SQLite connection and statement. Every failure becomes an
// sdk::Error whose message names what was being done and SQLite's own explanation.
#pragma once

#include <tinkr/sdk/error.hpp>
#include <tinkr/sdk/ir.hpp>

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace tinkr::local {

class Connection {
 public:
  enum class Mode { read_write_create, read_write, read_only };

  /// Opens `path` in WAL mode with a busy timeout. Throws sdk::Error(TINKR_CONFIG) when the file
  /// cannot be opened.
  Connection(const std::string& path, Mode mode);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  sqlite3* raw() const noexcept { return db_; }
  Mode mode() const noexcept { return mode_; }

  /// Runs statements that return no rows (schema, pragmas, BEGIN/COMMIT).
  void exec(const char* sql);

  /// Lets `is_cancelled` interrupt a running statement: SQLite then fails with SQLITE_INTERRUPT,
  /// which Statement turns into TINKR_CANCELLED. An empty function removes the check.
  void set_cancel_check(std::function<bool()> is_cancelled);

  /// An error for the last failure on this connection: "local database '<path>': <doing>: <reason>".
  [[noreturn]] void fail(std::string_view doing, int rc) const;

 private:
  /// Result codes, timeouts, SQL functions and pragmas of a freshly opened handle.
  void configure(Mode mode);
  static int on_progress(void* self) noexcept;

  sqlite3* db_ = nullptr;
  std::string path_;
  Mode mode_;
  std::function<bool()> is_cancelled_;
};

class Statement {
 public:
  Statement(Connection& connection, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  sqlite3_stmt* raw() const noexcept { return stmt_; }

  /// Binds parameter `index` (1-based) to a value of the IR.
  void bind(int index, const ir::Value& value);
  void bind_int(int index, int64_t value);
  void bind_double(int index, double value);
  /// The text is copied by SQLite only when `transient`; otherwise it must outlive the step.
  void bind_text(int index, std::string_view text, bool transient = false);
  void bind_null(int index);

  /// Advances: true with a row ready, false when done. Throws on error or interruption.
  bool step();
  /// Ready for the next run (keeps the statement compiled).
  void reset() noexcept;
  /// step() for statements that return nothing, then reset().
  void run();

  int64_t column_int(int i) const noexcept { return sqlite3_column_int64(stmt_, i); }
  double column_double(int i) const noexcept { return sqlite3_column_double(stmt_, i); }
  bool column_is_null(int i) const noexcept { return sqlite3_column_type(stmt_, i) == SQLITE_NULL; }
  /// Valid until the next step/reset of this statement.
  std::string_view column_text(int i) const noexcept;

 private:
  Connection& connection_;
  sqlite3_stmt* stmt_ = nullptr;
};

/// A transaction that rolls back unless committed.
class Transaction {
 public:
  explicit Transaction(Connection& connection);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Connection& connection_;
  bool open_ = true;
};

}  // namespace tinkr::local
