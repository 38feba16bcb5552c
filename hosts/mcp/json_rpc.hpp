// JSON-RPC 2.0 for MCP, on RapidJSON: reading one message, and writing the replies. Every reply a
// Tinkr MCP server sends is made here, and the shape of a successful result (which the MCP roadmap
// plans to change again) is one function, write_result(). Both transports (stdio, HTTP) use it.
#pragma once

#include "common/json_writing.hpp"

#include <rapidjson/document.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace tinkr::mcp {

using host::JsonWriter;

/// The protocol eras a request may belong to: 2025-11-25 and before (an `initialize` handshake),
/// and 2026-07-28 (stateless: the version in every request's _meta).
enum class Era { legacy, modern };

inline constexpr std::string_view kModernVersion = "2026-07-28";
/// Legacy versions this server answers, newest first (structured tool output needs 2025-06-18).
inline constexpr std::string_view kLegacyVersions[] = {"2025-11-25", "2025-06-18"};

inline constexpr std::string_view kMetaProtocolVersion = "io.modelcontextprotocol/protocolVersion";
inline constexpr std::string_view kMetaClientCapabilities = "io.modelcontextprotocol/clientCapabilities";
inline constexpr std::string_view kMetaServerInfo = "io.modelcontextprotocol/serverInfo";

/// JSON-RPC and MCP error codes.
namespace code {
inline constexpr int kParseError = -32700;
inline constexpr int kInvalidRequest = -32600;
inline constexpr int kMethodNotFound = -32601;
inline constexpr int kInvalidParams = -32602;
inline constexpr int kInternalError = -32603;
inline constexpr int kHeaderMismatch = -32020;              // 2026-07-28, HTTP only
inline constexpr int kUnsupportedProtocolVersion = -32022;  // 2026-07-28
}  // namespace code

/// One incoming message, parsed in place.
struct Message {
  rapidjson::Document document;
  std::string id_json;  // the id as JSON text ("1", "\"abc\""); empty for a notification
  std::string method;   // empty for a response
  const rapidjson::Value* params = nullptr;
  bool is_request() const { return !method.empty() && !id_json.empty(); }
  bool is_notification() const { return !method.empty() && id_json.empty(); }
};

/// A failure to read a message, already written as the error reply to send.
struct ReadFailure {
  std::string reply;
};

/// Parses one JSON-RPC message. A batch (array) is refused: MCP has none since 2025-06-18.
std::variant<Message, ReadFailure> read_message(std::string_view text);

/// Who answers, for serverInfo.
struct ServerIdentity {
  std::string name = "tinkr";
  std::string title = "Tinkr";
  std::string version;
};

using MemberWriter = std::function<void(JsonWriter&)>;

/// {"jsonrpc":"2.0","id":ID,"result":{...members...}} — for the modern era the result also carries
/// "resultType":"complete" and the server's identity in "_meta". The one place a result is shaped.
std::string write_result(std::string_view id_json, Era era, const ServerIdentity& server,
                         const MemberWriter& members);

/// {"jsonrpc":"2.0","id":ID|null,"error":{"code","message"[,"data"]}}.
std::string write_error(std::string_view id_json, int error_code, std::string_view message,
                        const MemberWriter* data = nullptr);

using host::write_bool_member;
using host::write_int_member;
using host::write_key;
using host::write_number_member;
using host::write_string;
using host::write_string_member;

/// A member of an object, or nullptr.
const rapidjson::Value* find_member(const rapidjson::Value* object, std::string_view key);

}  // namespace tinkr::mcp
