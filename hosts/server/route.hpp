// The server's request handling as a pure function: route(request, services) checks the API key and
// role, reads the JSON body, builds the IR and either answers at once or hands back a Job for the
// worker pool (anything that calls the plugin). No sockets here: unit tests call it directly, the
// way Beast's examples keep handle_request apart from the session.
#pragma once

#include "auth.hpp"
#include "query_backend.hpp"
#include "server_metrics.hpp"

#include <tinkr/incident.hpp>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace tinkr::mcp {
class Server;
struct HttpOptions;
}  // namespace tinkr::mcp

namespace tinkr::server {

namespace http = boost::beast::http;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

struct Services {
  QueryBackend& backend;
  ServerMetrics& metrics;
  const Authenticator* auth = nullptr;         // nullptr: --no-auth (every caller has every role)
  std::string backends_json;                   // GET /api/v1/backends, computed at start-up
  mcp::Server* mcp = nullptr;                  // POST /mcp; nullptr: no MCP endpoint
  const mcp::HttpOptions* mcp_http = nullptr;  // allowed origins beyond loopback
  // /readyz details: how the keys of [auth] api_keys_from were last read; empty: no such source.
  std::function<std::string()> api_keys_status = {};
};

/// Work that calls the plugin, so it runs on the worker pool, never on an I/O thread.
struct McpCall;

struct Job {
  enum class Kind { run, explain, health, mcp, incident };
  Kind kind = Kind::run;
  ir::Query query;
  bool stream = false;  // Accept: application/x-ndjson
  unsigned version = 11;
  bool keep_alive = true;
  std::shared_ptr<const McpCall> mcp;                       // Kind::mcp
  std::shared_ptr<const incident::ReportOptions> incident;  // Kind::incident
  // /readyz is open to probes, but the health check's details (the credential in use, subscription,
  // principal ids, upstream messages) go only to a caller with a viewer key (or to all with --no-auth).
  bool health_details = true;
  // GET /api/v1/traces/{id}: the answer also names the spans on the trace's critical path.
  bool critical_path = false;
};

struct RouteResult {
  std::string route;    // a template ("/api/v1/traces/{id}"), for metrics and the access log
  std::string subject;  // the key's subject, "" when unauthenticated
  std::optional<Response> response;
  std::optional<Job> job;
};

RouteResult route(const Request& request, const Services& services);

/// A JSON reply with the request's version and keep-alive.
Response json_response(http::status status, std::string body, unsigned version, bool keep_alive);

/// The error as a client sees it. A fault on the server's side (a bug, a plugin or database it cannot
/// use) answers 500; its text may name files and helps only whoever runs the server: it goes to the
/// server's stderr, and the client gets the code and what it means. Other errors are unchanged.
Error as_shown_to_client(const Error& error);

/// {"error": {...}} with the status from the error table, and Retry-After when the error has one.
Response error_response(const Error& error, unsigned version, bool keep_alive);

}  // namespace tinkr::server
