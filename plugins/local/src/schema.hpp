// schema.hpp: the local database's tables, shaped after OpenTelemetry's data model, and their indexes.
// docs/backends/local.md describes every column.
#pragma once

#include "sqlite.hpp"

namespace tinkr::local {

/// The schema version this build writes (PRAGMA user_version). 2 added ingested_files; 3 replaced the
/// index spans_start with the covering spans_start_trace; 4 replaced spans_trace with
/// spans_trace_span_status. An older file is brought up to date at its
/// first writable opening.
inline constexpr int kSchemaVersion = 4;

/// Creates the tables and indexes when missing (in a write transaction, only then: an up-to-date file
/// is only read). Throws when the file holds a newer schema or is not a Tinkr database.
void ensure_schema(Connection& connection);

/// Throws sdk::Error(TINKR_CONFIG) unless the file holds this build's schema (read-only opening).
void check_schema(Connection& connection);

}  // namespace tinkr::local
