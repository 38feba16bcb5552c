// The read-only check of run_native_query, before anything is sent: KQL without management commands
// (.drop, .set, .ingest, .alter, ... : any statement that starts with '.'), SQL that is one SELECT or
// WITH statement. The backend's own checks (SQLite's read-only statement test, Log Analytics'
// query-only API) still apply; this one makes the refusal clear and backend-independent.
#pragma once

#include <tinkr/error.hpp>

#include <string_view>

namespace tinkr::mcp {

Expected<void> check_read_only(std::string_view language, std::string_view text);

}  // namespace tinkr::mcp
