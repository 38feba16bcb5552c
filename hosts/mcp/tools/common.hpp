// What several tools share: the schema pieces (time window, page members), the cursor, the query
// each list tool runs (time window, cursor, limit), and a whole trace fetched by id.
#pragma once

#include "mcp/tools/arguments.hpp"
#include "mcp/tools/outcome.hpp"

#include <string>
#include <string_view>

namespace tinkr::mcp {

// --- schemas ------------------------------------------------------------------------------------
/// "from" and "to" properties (RFC 3339 or now-1h), for an input schema's "properties".
std::string time_properties();
/// A page's output schema: the list under items_key of item_schema, the count members, and extra
/// properties (JSON members text, may be empty).
std::string page_schema(std::string_view items_key, std::string_view item_schema,
                        std::string_view extra_properties = "");
/// {"type":"object","properties":{...},"required":[...],"additionalProperties":false}
std::string object_schema(std::string_view properties, std::string_view required = "");

// --- cursors ------------------------------------------------------------------------------------
/// Where a next page starts: the offset among the matches and the absolute window of the first call
/// (so that "now" does not move between pages).
struct Cursor {
  int64_t offset = 0;
  ir::TimeRange time;
};
std::string encode_cursor(std::string_view tool, const Cursor& cursor);
Expected<Cursor> decode_cursor(std::string_view tool, std::string_view text);

// --- list queries -------------------------------------------------------------------------------
/// A list tool's query: built from spec (its from/to), moved to the cursor's window when there is
/// one, asking the backend for offset + limit records.
struct ListQuery {
  ir::Query query;
  Cursor cursor;  // offset 0 and the built window without a cursor argument
};
Expected<ListQuery> build_list_query(ToolContext& context, QuerySpec spec, std::string_view tool,
                                     std::string_view cursor_text, int64_t limit);

/// Writes {"service","query","from","to"} of what ran, under "query".
void write_query_echo(JsonWriter& w, const ir::Query& query, std::string_view text);

/// Milliseconds as a number (durations, offsets).
double to_ms(int64_t ns);

// --- traces -------------------------------------------------------------------------------------
/// The spans of one trace (trace_id, optional from/to); not_found with a hint when there are none.
Expected<std::vector<Span>> fetch_trace(ToolContext& context, const Arguments& arguments);
/// The trace arguments' schema properties: trace_id, from, to.
std::string trace_properties();

}  // namespace tinkr::mcp
