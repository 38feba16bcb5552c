// A tool: its name, description, input and output JSON Schemas, and the function that runs it. Every
// Tinkr tool is read-only. A tool answers with a typed object (structuredContent, mirrored as compact
// JSON text) or with a tool error: a message and a hint the model can act on (bad query, unknown
// field, missing role), never a protocol error.
#pragma once

#include "mcp/backend.hpp"
#include "mcp/json_rpc.hpp"

#include <tinkr/planner.hpp>

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tinkr::mcp {

struct Limits {
  std::size_t max_result_bytes = 64 * 1024;  // the whole JSON-RPC reply of a tools/call
  int64_t max_records = 10'000;              // the most records one call may ask the backend for
  std::chrono::milliseconds timeout{0};      // 0: the engine's default
};

/// Who is calling: over HTTP the API key's subject and role; over stdio the local user (every tool).
struct Caller {
  std::string subject = "local user";
  std::string role;                // "" over stdio
  bool may_run_native = true;      // run_native_query needs oncall over HTTP, like POST /api/v1/query
  std::string native_role_needed;  // the role to name when it may not
};

struct ToolContext {
  Backend& backend;
  const planner::Capabilities& capabilities;
  const Limits& limits;
  const Caller& caller;
  RunOptions run;
};

/// What a tool call produced: the structured result (a JSON object's text), or an error message.
struct ToolOutcome {
  bool is_error = false;
  std::string structured;  // success: the object for structuredContent (and its text mirror)
  std::string error_text;  // error: what the model reads
};

struct Tool {
  std::string_view name;
  std::string_view title;
  std::string_view description;
  std::string input_schema;   // JSON Schema of the arguments
  std::string output_schema;  // JSON Schema of structuredContent
  ToolOutcome (*run)(const rapidjson::Value& arguments, ToolContext& context);
};

/// Every tool, in the order tools/list shows them.
const std::vector<Tool>& all_tools();
const Tool* find_tool(std::string_view name);

}  // namespace tinkr::mcp
