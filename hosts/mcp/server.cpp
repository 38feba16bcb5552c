// The MCP method dispatch of both eras (see server.hpp).
#include "mcp/server.hpp"

#include "mcp/tools/outcome.hpp"

namespace tinkr::mcp {
namespace {

constexpr std::string_view kInstructions =
    "Tinkr answers questions about logs, metrics and traces of one backend. Start with list_services and "
    "search_traces or search_logs (times: RFC 3339 or now-1h); then drill into one trace with "
    "get_trace_topology, get_critical_path, get_span_details (at most 20 spans) and get_trace_errors. Every "
    "list says how many items matched and whether it was cut; follow next_cursor or narrow the query.";

bool is_legacy_version(std::string_view version) {
  for (auto v : kLegacyVersions)
    if (v == version) return true;
  return false;
}

std::string_view string_of(const rapidjson::Value* value) {
  return value != nullptr && value->IsString()
             ? std::string_view(value->GetString(), value->GetStringLength())
             : std::string_view();
}

void write_supported(JsonWriter& w) {
  write_string(w, kModernVersion);
  for (auto v : kLegacyVersions) write_string(w, v);
}

Reply error_reply(const Message& message, int error_code, std::string_view text, int status = 200) {
  return {write_error(message.id_json, error_code, text), status};
}

// Both eras announce the same capabilities: tools, whose list never changes while the server runs.
void write_capabilities(JsonWriter& w) {
  write_key(w, "capabilities");
  w.StartObject();
  write_key(w, "tools");
  w.StartObject();
  write_bool_member(w, "listChanged", false);
  w.EndObject();
  w.EndObject();
}

void write_annotations(JsonWriter& w, const Tool& tool) {
  write_key(w, "annotations");
  w.StartObject();
  write_string_member(w, "title", tool.title);
  write_bool_member(w, "readOnlyHint", true);
  write_bool_member(w, "destructiveHint", false);
  write_bool_member(w, "idempotentHint", true);
  write_bool_member(w, "openWorldHint", true);
  w.EndObject();
}

}  // namespace

Server::Server(Backend& backend, ServerOptions options) : backend_(backend), options_(std::move(options)) {
  auto caps = planner::parse_capabilities(backend_.info().capabilities_json);
  if (caps)
    capabilities_ = std::move(*caps);
  else
    capabilities_error_ = caps.error().message();
  if (options_.identity.version.empty()) options_.identity.version = backend_.info().version;
}

Reply Server::handle(std::string_view text, const CallContext& call) {
  auto read = read_message(text);
  if (auto* failure = std::get_if<ReadFailure>(&read))
    return {std::move(failure->reply), call.http ? 400 : 200};
  auto& message = std::get<Message>(read);
  if (message.method.empty()) return {};  // a client's response: this server sends no requests
  const auto* meta = find_member(message.params, "_meta");
  if (find_member(meta, kMetaProtocolVersion) != nullptr) return handle_modern(message, call);
  return handle_legacy(message, call);
}

Reply Server::handle_modern(const Message& message, const CallContext& call) {
  const auto* meta = find_member(message.params, "_meta");
  const auto* version = find_member(meta, kMetaProtocolVersion);
  if (!version->IsString())
    return error_reply(message, code::kInvalidParams,
                       "params._meta[\"" + std::string(kMetaProtocolVersion) + "\"] must be a string",
                       call.http ? 400 : 200);
  const std::string_view requested = string_of(version);
  if (requested != kModernVersion) {
    const MemberWriter data = [&](JsonWriter& w) {
      write_key(w, "supported");
      w.StartArray();
      write_supported(w);
      w.EndArray();
      write_string_member(w, "requested", requested);
    };
    std::string hint =
        is_legacy_version(requested) ? " (" + std::string(requested) + " begins with initialize)" : "";
    return {write_error(message.id_json, code::kUnsupportedProtocolVersion,
                        "unsupported protocol version " + std::string(requested) + hint, &data),
            call.http ? 400 : 200};
  }
  const auto* capabilities = find_member(meta, kMetaClientCapabilities);
  if (capabilities == nullptr || !capabilities->IsObject())
    return error_reply(message, code::kInvalidParams,
                       "params._meta[\"" + std::string(kMetaClientCapabilities) + "\"] must be an object",
                       call.http ? 400 : 200);
  if (call.http) {
    auto mismatch = [&](std::string_view header, std::string_view why) {
      return error_reply(message, code::kHeaderMismatch, std::string(header) + ": " + std::string(why), 400);
    };
    if (call.protocol_version_header != requested)
      return mismatch("MCP-Protocol-Version",
                      "must be present and equal params._meta's version " + std::string(requested));
    if (call.method_header != message.method)
      return mismatch("Mcp-Method", "must be present and equal the method " + message.method);
    if (message.method == "tools/call") {
      const std::string_view name = string_of(find_member(message.params, "name"));
      if (call.name_header != name) return mismatch("Mcp-Name", "must be present and equal the tool name");
    }
  }
  if (message.is_notification()) return {};
  if (message.method == "server/discover") return {discover(message)};
  if (message.method == "tools/list") return {tools_list(message, Era::modern)};
  if (message.method == "tools/call") return {tools_call(message, Era::modern, call)};
  return error_reply(message, code::kMethodNotFound,
                     "method not found in " + std::string(kModernVersion) + ": " + message.method);
}

Reply Server::handle_legacy(const Message& message, const CallContext& call) {
  if (call.http && call.protocol_version_header) {
    const std::string& header = *call.protocol_version_header;
    if (header == kModernVersion)
      return error_reply(message, code::kInvalidParams,
                         "a 2026-07-28 request names its version in params._meta[\"" +
                             std::string(kMetaProtocolVersion) + "\"] too",
                         400);
    if (!is_legacy_version(header))
      return error_reply(message, code::kInvalidRequest,
                         "unsupported MCP-Protocol-Version " + header +
                             " (supported: 2026-07-28, 2025-11-25, "
                             "2025-06-18)",
                         400);
  }
  if (message.is_notification()) return {};
  if (message.method == "initialize") return {initialize(message)};
  if (message.method == "ping") return {result(message, Era::legacy, [](JsonWriter&) {})};
  if (message.method == "tools/list") return {tools_list(message, Era::legacy)};
  if (message.method == "tools/call") return {tools_call(message, Era::legacy, call)};
  if (message.method == "server/discover")
    return error_reply(message, code::kInvalidParams,
                       "server/discover is a 2026-07-28 method: name the version in params._meta[\"" +
                           std::string(kMetaProtocolVersion) + "\"]");
  return error_reply(message, code::kMethodNotFound, "method not found: " + message.method);
}

std::string Server::result(const Message& message, Era era, const MemberWriter& members) const {
  return write_result(message.id_json, era, options_.identity, members);
}

std::string Server::initialize(const Message& message) {
  const auto* requested = find_member(message.params, "protocolVersion");
  if (requested == nullptr || !requested->IsString())
    return write_error(message.id_json, code::kInvalidParams,
                       "initialize needs params.protocolVersion (a string)");
  // The 2025-11-25 negotiation: the same version when supported, else the newest this server has
  // (the client then decides whether to go on).
  const std::string_view asked = string_of(requested);
  negotiated_ = std::string(is_legacy_version(asked) ? asked : kLegacyVersions[0]);
  return result(message, Era::legacy, [&](JsonWriter& w) {
    write_string_member(w, "protocolVersion", *negotiated_);
    write_capabilities(w);
    write_key(w, "serverInfo");
    w.StartObject();
    write_string_member(w, "name", options_.identity.name);
    write_string_member(w, "title", options_.identity.title);
    write_string_member(w, "version", options_.identity.version);
    w.EndObject();
    write_string_member(w, "instructions", kInstructions);
  });
}

std::string Server::discover(const Message& message) {
  return result(message, Era::modern, [&](JsonWriter& w) {
    write_key(w, "supportedVersions");
    w.StartArray();
    write_supported(w);
    w.EndArray();
    write_capabilities(w);
    write_key(w, "serverInfo");
    w.StartObject();
    write_string_member(w, "name", options_.identity.name);
    write_string_member(w, "version", options_.identity.version);
    w.EndObject();
    write_string_member(w, "instructions", kInstructions);
    write_key(w, "ttlMs");
    w.Int(300'000);
    write_string_member(w, "cacheScope", "private");
  });
}

std::string Server::tools_list(const Message& message, Era era) {
  return result(message, era, [&](JsonWriter& w) {
    write_key(w, "tools");
    w.StartArray();
    for (const auto& tool : all_tools()) {
      w.StartObject();
      write_string_member(w, "name", tool.name);
      write_string_member(w, "title", tool.title);
      write_string_member(w, "description", tool.description);
      write_key(w, "inputSchema");
      w.RawValue(tool.input_schema.data(), tool.input_schema.size(), rapidjson::kObjectType);
      write_key(w, "outputSchema");
      w.RawValue(tool.output_schema.data(), tool.output_schema.size(), rapidjson::kObjectType);
      write_annotations(w, tool);
      w.EndObject();
    }
    w.EndArray();
    if (era == Era::modern) {
      write_key(w, "ttlMs");
      w.Int(300'000);
      write_string_member(w, "cacheScope", "private");
    }
  });
}

std::string Server::tools_call(const Message& message, Era era, const CallContext& call) {
  const auto* name = find_member(message.params, "name");
  if (name == nullptr || !name->IsString())
    return write_error(message.id_json, code::kInvalidParams, "tools/call needs params.name (a string)");
  const Tool* tool = find_tool(string_of(name));
  if (tool == nullptr)
    return write_error(message.id_json, code::kInvalidParams,
                       "unknown tool '" + std::string(string_of(name)) + "' (tools/list lists them)");
  static const rapidjson::Value kNoArguments(rapidjson::kObjectType);
  const auto* arguments = find_member(message.params, "arguments");
  ToolOutcome outcome;
  if (!capabilities_error_.empty()) {
    outcome =
        error_outcome(Error(Error::Code::plugin_abi, "the backend's capabilities: " + capabilities_error_));
  } else {
    ToolContext context{backend_, capabilities_, options_.limits, call.caller, {}};
    context.run.timeout = options_.limits.timeout;
    context.run.cancel = call.cancel;
    try {
      outcome = tool->run(arguments != nullptr ? *arguments : kNoArguments, context);
    } catch (const std::exception& e) {
      outcome = error_outcome(Error(Error::Code::internal, std::string(tool->name) + " failed: " + e.what()));
    }
  }
  return result(message, era, [&](JsonWriter& w) {
    write_key(w, "content");
    w.StartArray();
    w.StartObject();
    write_string_member(w, "type", "text");
    write_string_member(w, "text", outcome.is_error ? outcome.error_text : outcome.structured);
    w.EndObject();
    w.EndArray();
    if (!outcome.is_error) {
      write_key(w, "structuredContent");
      w.RawValue(outcome.structured.data(), outcome.structured.size(), rapidjson::kObjectType);
    }
    write_bool_member(w, "isError", outcome.is_error);
  });
}

}  // namespace tinkr::mcp
