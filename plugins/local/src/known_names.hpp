// known_names.hpp: an unknown service or metric is an error (TINKR_NOT_FOUND, exit code 5), not an
// empty answer that reads as "nothing happened". Checked before a query with one indexed probe per
// name; the error lists the names the store does hold. (An empty store is refused before this.)
#pragma once

#include "sqlite.hpp"

#include <tinkr/sdk/ir.hpp>

namespace tinkr::local {

/// Throws sdk::Error(TINKR_NOT_FOUND) when the query's service (logs, traces, metrics) or one of its
/// metric names has no data in the store at all, whatever the time range.
void require_known_names(Connection& connection, const ir::Query& query);

}  // namespace tinkr::local
