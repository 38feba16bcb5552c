// The MCP server, transport-independent: one JSON-RPC message in, at most one reply out. It answers
// both protocol eras on every transport:
//   2025-11-25 (and 2025-06-18): `initialize` negotiates the version; tools/list, tools/call, ping.
//   2026-07-28: no handshake; every request names its version and the client's capabilities in
//     params._meta, `server/discover` says what the server speaks, results carry resultType.
// A 2026-07-28-style request naming another version is refused with UnsupportedProtocolVersion
// (-32022, data {supported, requested}); over HTTP, the MCP-Protocol-Version, Mcp-Method and
// Mcp-Name headers must agree with the body (HeaderMismatch, -32020).
#pragma once

#include "mcp/backend.hpp"
#include "mcp/json_rpc.hpp"
#include "mcp/tools/tool.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace tinkr::mcp {

struct ServerOptions {
  Limits limits;
  ServerIdentity identity;
};

/// What the transport knows about one message.
struct CallContext {
  Caller caller;
  bool http = false;
  // HTTP request headers (nullopt: absent).
  std::optional<std::string> protocol_version_header;  // MCP-Protocol-Version
  std::optional<std::string> method_header;            // Mcp-Method
  std::optional<std::string> name_header;              // Mcp-Name
  std::optional<CancelSource> cancel;
};

struct Reply {
  std::string body;  // empty: nothing to send (a notification, or a client's response)
  int http_status = 200;
};

class Server {
 public:
  Server(Backend& backend, ServerOptions options);
  Reply handle(std::string_view text, const CallContext& call);
  const ServerOptions& options() const { return options_; }

 private:
  Reply handle_modern(const Message& message, const CallContext& call);
  Reply handle_legacy(const Message& message, const CallContext& call);
  std::string initialize(const Message& message);
  std::string discover(const Message& message);
  std::string tools_list(const Message& message, Era era);
  std::string tools_call(const Message& message, Era era, const CallContext& call);
  std::string result(const Message& message, Era era, const MemberWriter& members) const;

  Backend& backend_;
  ServerOptions options_;
  planner::Capabilities capabilities_;
  std::string capabilities_error_;
  std::optional<std::string> negotiated_;  // stdio: what initialize agreed (one process, one client)
};

}  // namespace tinkr::mcp
