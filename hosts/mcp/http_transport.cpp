// Streamable HTTP (see http_transport.hpp).
#include "mcp/http_transport.hpp"

namespace tinkr::mcp {
namespace {

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

HttpReply plain_error(int status, int error_code, std::string_view message) {
  return HttpReply{status, "application/json", write_error("", error_code, message), {}};
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return out;
}

}  // namespace

bool origin_allowed(std::string_view origin, const HttpOptions& options) {
  for (const auto& allowed : options.allowed_origins)
    if (lower(allowed) == lower(origin)) return true;
  const std::string o = lower(origin);
  const auto scheme_end = o.find("://");
  if (scheme_end == std::string::npos) return false;
  const std::string scheme = o.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") return false;
  std::string_view authority = std::string_view(o).substr(scheme_end + 3);
  if (authority.find('/') != std::string_view::npos || authority.find('@') != std::string_view::npos)
    return false;
  std::string_view host = authority;
  if (host.starts_with("[")) {
    host = host.substr(0, host.find(']') + 1);
  } else if (auto colon = host.find(':'); colon != std::string_view::npos) {
    host = host.substr(0, colon);
  }
  return host == "localhost" || host == "127.0.0.1" || host == "[::1]";
}

HttpReply handle_http(Server& server, const HttpRequest& request, const Caller& caller,
                      const HttpOptions& options, std::optional<CancelSource> cancel) {
  if (request.origin && !origin_allowed(*request.origin, options))
    return plain_error(403, code::kInvalidRequest,
                       "Origin '" + *request.origin +
                           "' may not call this MCP server (loopback origins only, "
                           "unless allowed)");
  if (request.method != "POST") {
    auto reply = plain_error(405, code::kInvalidRequest,
                             "the MCP endpoint takes POST only (no GET stream, no sessions to DELETE)");
    reply.headers.emplace_back("Allow", "POST");
    return reply;
  }
  if (!contains(lower(request.content_type), "application/json"))
    return plain_error(
        415, code::kInvalidRequest,
        "Content-Type must be application/json, got '" + std::string(request.content_type) + "'");
  const std::string accept = lower(request.accept);
  const bool json_ok = accept.empty() || contains(accept, "application/json") || contains(accept, "*/*");
  const bool sse_ok = contains(accept, "text/event-stream");
  if (!json_ok && !sse_ok)
    return plain_error(406, code::kInvalidRequest,
                       "Accept must include application/json or text/event-stream, got '" +
                           std::string(request.accept) + "'");
  CallContext call;
  call.caller = caller;
  call.http = true;
  call.protocol_version_header = request.protocol_version;
  call.method_header = request.mcp_method;
  call.name_header = request.mcp_name;
  call.cancel = std::move(cancel);
  Reply reply = server.handle(request.body, call);
  if (reply.body.empty()) return HttpReply{202, "", "", {}};
  if (json_ok) return HttpReply{reply.http_status, "application/json", std::move(reply.body), {}};
  return HttpReply{reply.http_status,
                   "text/event-stream",
                   "event: message\ndata: " + reply.body + "\n\n",
                   {{"Cache-Control", "no-store"}}};
}

}  // namespace tinkr::mcp
