// Streamable HTTP for the MCP server, without any HTTP library: the server's route gives the request's
// method, headers and body, and sends back the status, headers and body made here. One POST carries
// one JSON-RPC message; a request is answered with application/json, or with a one-event
// text/event-stream when the client accepts only that; a notification gets 202. No session is kept
// (both eras work without one). A browser's Origin must be a loopback origin or an allowed one, so
// that a web page cannot reach a local server by DNS rebinding.
#pragma once

#include "mcp/server.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tinkr::mcp {

struct HttpRequest {
  std::string_view method;  // "POST", "GET", ...
  std::string_view body;
  std::string_view content_type;
  std::string_view accept;
  std::optional<std::string> origin;
  std::optional<std::string> protocol_version;  // MCP-Protocol-Version
  std::optional<std::string> mcp_method;        // Mcp-Method
  std::optional<std::string> mcp_name;          // Mcp-Name
};

struct HttpReply {
  int status = 200;
  std::string content_type;  // empty with an empty body
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

struct HttpOptions {
  std::vector<std::string> allowed_origins;  // beyond loopback ones, e.g. "https://agent.example"
};

/// Whether a browser's Origin may call (loopback hosts on any port, or an allowed origin exactly).
bool origin_allowed(std::string_view origin, const HttpOptions& options);

HttpReply handle_http(Server& server, const HttpRequest& request, const Caller& caller,
                      const HttpOptions& options = {}, std::optional<CancelSource> cancel = std::nullopt);

}  // namespace tinkr::mcp
