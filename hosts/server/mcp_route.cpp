// POST /mcp (see mcp_route.hpp).
#include "mcp_route.hpp"

#include "job_runner.hpp"

namespace tinkr::server {
namespace {

std::optional<std::string> header(const Request& request, std::string_view name) {
  auto it = request.find(name);
  if (it == request.end()) return std::nullopt;
  return std::string(it->value());
}

}  // namespace

std::shared_ptr<const McpCall> mcp_call_from(const Request& request, const Principal* principal) {
  auto call = std::make_shared<McpCall>();
  call->method = std::string(request.method_string());
  call->body = request.body();
  call->content_type = std::string(request[http::field::content_type]);
  call->accept = std::string(request[http::field::accept]);
  call->origin = header(request, "Origin");
  call->protocol_version = header(request, "MCP-Protocol-Version");
  call->mcp_method = header(request, "Mcp-Method");
  call->mcp_name = header(request, "Mcp-Name");
  if (principal != nullptr) {
    call->caller.subject = principal->subject;
    call->caller.role = principal->has_role ? std::string(to_string(principal->highest)) : "no role";
    call->caller.may_run_native = allows(*principal, Role::oncall);
  } else {
    call->caller.subject = "anonymous";
    call->caller.role = "every role (--no-auth)";
  }
  call->caller.native_role_needed = std::string(to_string(Role::oncall));
  return call;
}

void run_mcp_job(const Job& job, const Services& services, JobOutput& output, const CancelSource& cancel) {
  if (services.mcp == nullptr || !job.mcp)
    return output.respond(error_response(Error(Error::Code::not_found, "this server has no MCP endpoint"),
                                         job.version, job.keep_alive));
  const McpCall& call = *job.mcp;
  mcp::HttpRequest request;
  request.method = call.method;
  request.body = call.body;
  request.content_type = call.content_type;
  request.accept = call.accept;
  request.origin = call.origin;
  request.protocol_version = call.protocol_version;
  request.mcp_method = call.mcp_method;
  request.mcp_name = call.mcp_name;
  static const mcp::HttpOptions kLoopbackOnly;
  auto reply = mcp::handle_http(*services.mcp, request, call.caller,
                                services.mcp_http != nullptr ? *services.mcp_http : kLoopbackOnly, cancel);
  Response response{static_cast<http::status>(reply.status), job.version};
  if (!reply.content_type.empty()) response.set(http::field::content_type, reply.content_type);
  response.set(http::field::cache_control, "no-store");
  for (const auto& [name, value] : reply.headers) response.set(name, value);
  response.keep_alive(job.keep_alive);
  response.body() = std::move(reply.body);
  response.prepare_payload();
  output.respond(std::move(response));
}

}  // namespace tinkr::server
