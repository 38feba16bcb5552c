// schema.cpp: the DDL of the local database.
#include "schema.hpp"

#include <string>

namespace tinkr::local {

namespace {

// Times are Unix nanoseconds; ids are lowercase hex (empty when absent); attributes and dimensions
// are JSON objects. Span status is the text "unset" | "ok" | "error", so the IR's string comparisons
// mean the same here and in the core.
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS logs (
  time_unix_nano  INTEGER NOT NULL,
  severity_number INTEGER NOT NULL DEFAULT 0,
  severity_text   TEXT    NOT NULL DEFAULT '',
  body            TEXT    NOT NULL DEFAULT '',
  service         TEXT    NOT NULL DEFAULT '',
  trace_id        TEXT    NOT NULL DEFAULT '',
  span_id         TEXT    NOT NULL DEFAULT '',
  attributes      TEXT    NOT NULL DEFAULT '{}',
  item_count      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS logs_service_time ON logs (service, time_unix_nano);
CREATE INDEX IF NOT EXISTS logs_service_severity_time ON logs (service, severity_number, time_unix_nano);
CREATE INDEX IF NOT EXISTS logs_time ON logs (time_unix_nano);

CREATE TABLE IF NOT EXISTS spans (
  trace_id        TEXT    NOT NULL,
  span_id         TEXT    NOT NULL,
  parent_span_id  TEXT    NOT NULL DEFAULT '',
  service         TEXT    NOT NULL DEFAULT '',
  name            TEXT    NOT NULL DEFAULT '',
  kind            TEXT    NOT NULL DEFAULT 'internal',
  start_unix_nano INTEGER NOT NULL,
  duration_ns     INTEGER NOT NULL DEFAULT 0,
  status          TEXT    NOT NULL DEFAULT 'unset',
  status_code     TEXT    NOT NULL DEFAULT '',
  attributes      TEXT    NOT NULL DEFAULT '{}',
  events          TEXT    NOT NULL DEFAULT '[]'
);
-- Covering for a trace's spans and for the span and error counts of a trace search (lower_traces.cpp):
-- with status in the index, counting a page of 7,000 traces reads no table rows. It replaces
-- spans_trace (version 3).
DROP INDEX IF EXISTS spans_trace;
CREATE INDEX IF NOT EXISTS spans_trace_span_status ON spans (trace_id, span_id, status);
CREATE INDEX IF NOT EXISTS spans_service_start ON spans (service, start_unix_nano);
-- Covering for trace search's first step (each trace's first start in the window, and the longest
-- span starting then: lower_traces.cpp). It replaces spans_start (version 2).
DROP INDEX IF EXISTS spans_start;
CREATE INDEX IF NOT EXISTS spans_start_trace ON spans (start_unix_nano, trace_id, duration_ns);

CREATE TABLE IF NOT EXISTS metric_points (
  metric          TEXT    NOT NULL,
  service         TEXT    NOT NULL DEFAULT '',
  unit            TEXT    NOT NULL DEFAULT '',
  kind            TEXT    NOT NULL,
  dimensions      TEXT    NOT NULL DEFAULT '{}',
  time_unix_nano  INTEGER NOT NULL,
  value           REAL    NOT NULL,
  count           REAL    NOT NULL DEFAULT 1,
  sum             REAL    NOT NULL,
  min             REAL    NOT NULL,
  max             REAL    NOT NULL
);
CREATE INDEX IF NOT EXISTS metric_points_service_metric_time ON metric_points (service, metric, time_unix_nano);
CREATE INDEX IF NOT EXISTS metric_points_metric_time ON metric_points (metric, time_unix_nano);

CREATE TABLE IF NOT EXISTS ingested_files (
  sha256             TEXT    PRIMARY KEY,
  source             TEXT    NOT NULL,
  ingested_unix_nano INTEGER NOT NULL,
  logs               INTEGER NOT NULL,
  spans              INTEGER NOT NULL,
  metric_points      INTEGER NOT NULL
);
)sql";

int user_version(Connection& connection) {
  Statement stmt(connection, "PRAGMA user_version");
  return stmt.step() ? static_cast<int>(stmt.column_int(0)) : 0;
}

bool has_table(Connection& connection, const char* name) {
  Statement stmt(connection, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1");
  stmt.bind_text(1, name);
  return stmt.step();
}

[[noreturn]] void refuse_version(int found) {
  throw sdk::Error(TINKR_CONFIG, "local database: schema version " + std::to_string(found) +
                                     " is newer than this tinkr reads (" + std::to_string(kSchemaVersion) +
                                     ")");
}

}  // namespace

void ensure_schema(Connection& connection) {
  int version = user_version(connection);
  if (version > kSchemaVersion) refuse_version(version);
  // Up to date: nothing to write, so no write lock. Every CLI command opens the store writable, and
  // a BEGIN IMMEDIATE here would make each query wait behind a running ingest.
  if (version == kSchemaVersion && has_table(connection, "logs")) return;
  if (version == 0) {
    Statement any(connection, "SELECT count(*) FROM sqlite_schema");
    if (any.step() && any.column_int(0) > 0 && !has_table(connection, "logs"))
      throw sdk::Error(TINKR_CONFIG,
                       "local database: the file holds other tables; it is not a tinkr database");
  }
  Transaction transaction(connection);
  connection.exec(kSchema);
  connection.exec(("PRAGMA user_version = " + std::to_string(kSchemaVersion)).c_str());
  transaction.commit();
}

void check_schema(Connection& connection) {
  int version = user_version(connection);
  if (version > kSchemaVersion) refuse_version(version);
  if (version == 0 || !has_table(connection, "logs"))
    throw sdk::Error(TINKR_CONFIG, "local database: the file holds no tinkr schema (open it once writable)");
}

}  // namespace tinkr::local
