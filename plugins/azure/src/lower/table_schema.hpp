// `tinkr schema TABLE` on Azure (ir::Signal::schema): the table's columns from the workspace's
// metadata, GET {log_analytics_endpoint}/v1/workspaces/{id}/metadata, whose answer lists every table
// with its columns ({"tables": [{"name", "columns": [{"name", "type"}]}], ...}), so one request serves
// a table on any plan (a getschema query would have to go through /search for a Basic table). The
// plan comes from the profile (lower/table_plan.hpp), as everywhere else.
#pragma once

#include "common/query_context.hpp"

#include <tinkr/sdk/host.hpp>
#include <tinkr/sdk/ir.hpp>
#include <tinkr/sdk/records.hpp>

#include <string_view>

namespace tinkr::azure {

/// The metadata request; throws sdk::Error(TINKR_INVALID_QUERY) for a name no table can have.
RequestPlan lower_table_schema(const ir::Query& query, const QueryContext& context);

/// Emits the table's columns (sdk/table_schema.hpp) from a metadata answer. Throws
/// sdk::Error(TINKR_NOT_FOUND) when the workspace has no such table, suggesting one that differs only
/// in case; TINKR_UPSTREAM_UNAVAILABLE when the answer is not the metadata shape.
void emit_schema_from_metadata(std::string_view metadata_json, const ir::Query& query,
                               const QueryContext& context, sdk::Sink& sink);

}  // namespace tinkr::azure
