// How tool results are made: a typed object, a page of records that says how many it holds, how
// many matched and whether (and why) it was cut, within the size cap; or a tool error with a hint.
#pragma once

#include "mcp/tools/tool.hpp"

#include <tinkr/error.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace tinkr::mcp {

/// A tool error: "<code>: <message>" and a hint for the model (by error code unless given).
ToolOutcome error_outcome(const Error& error, std::string_view hint = "");

/// A result object made of `members`.
ToolOutcome object_outcome(const MemberWriter& members);

/// A list of records (each item one compact JSON value) and what the list says about itself.
struct Page {
  std::string_view items_key;           // "records", "traces", ...
  std::vector<std::string> items;       // everything fetched for this page, in order
  int64_t matched = 0;                  // records that matched before any cut (from offset 0)
  bool matched_is_lower_bound = false;  // the backend's limit cut them: more exist
  int64_t offset = 0;                   // where this page starts among the matches
  std::vector<std::string> warnings;
  MemberWriter extra;  // members written before the list (what was asked)
  /// The cursor for the page starting at next_offset; empty: this tool has no cursor.
  std::function<std::string(int64_t next_offset)> cursor;
  std::string narrow_hint;  // how to ask for less, e.g. "add a level or a phrase to query"
};

/// The largest prefix of page.items whose whole tools/call reply stays within max_reply_bytes.
ToolOutcome page_outcome(const Page& page, std::size_t max_reply_bytes);

/// Bytes of a tools/call reply holding `structured` as structuredContent and as its text mirror.
std::size_t reply_bytes(std::string_view structured);

/// Writes a compact JSON value given as text (an item of a page, a record's JSON).
void write_raw(JsonWriter& w, std::string_view json);

}  // namespace tinkr::mcp
