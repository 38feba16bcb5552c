// POST /mcp: the MCP server (hosts/mcp) over Streamable HTTP. The route checks the API key (viewer;
// run_native_query needs oncall, as POST /api/v1/query's native queries do) and copies what the MCP
// layer reads; the JSON-RPC handling runs on the worker pool like every plugin call.
#pragma once

#include "auth.hpp"
#include "query_backend.hpp"
#include "route.hpp"

#include "mcp/http_transport.hpp"

#include <memory>
#include <optional>
#include <string>

namespace tinkr::server {

class JobOutput;

struct McpCall {
  std::string method, body, content_type, accept;
  std::optional<std::string> origin, protocol_version, mcp_method, mcp_name;
  mcp::Caller caller;
};

/// The call for a request; principal nullptr when the server runs without auth.
std::shared_ptr<const McpCall> mcp_call_from(const Request& request, const Principal* principal);

/// Answers the call with services.mcp (404 when the server has none).
void run_mcp_job(const Job& job, const Services& services, JobOutput& output, const CancelSource& cancel);

/// The server's QueryBackend as the MCP tools' backend.
class McpBackend final : public mcp::Backend {
 public:
  McpBackend(QueryBackend& backend, std::string profile) : backend_(backend), profile_(std::move(profile)) {}
  Expected<ir::Query> build(const QuerySpec& spec) const override { return backend_.build(spec); }
  Expected<QueryResult> collect(const ir::Query& query, const RunOptions& options) override {
    return backend_.collect(query, options);
  }
  Expected<Explanation> explain(const ir::Query& query) override { return backend_.explain(query); }
  const BackendInfo& info() const override { return backend_.info(); }
  const std::string& profile() const override { return profile_; }

 private:
  QueryBackend& backend_;
  std::string profile_;
};

}  // namespace tinkr::server
