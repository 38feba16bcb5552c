// The Azure backend's wiring (see azure_backend.hpp).
#include "backend/azure_backend.hpp"

#include "lower/run_query.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <utility>

namespace tinkr::azure {
namespace {

std::string health_json(std::string_view status, std::string_view message) {
  rapidjson::StringBuffer out;
  rapidjson::Writer<rapidjson::StringBuffer> writer(out);
  writer.StartObject();
  writer.Key("status");
  writer.String(status.data(), static_cast<rapidjson::SizeType>(status.size()));
  writer.Key("message");
  writer.String(message.data(), static_cast<rapidjson::SizeType>(message.size()));
  writer.EndObject();
  return out.GetString();
}

}  // namespace

AzureBackend::AzureBackend(const sdk::Host& host, std::string_view options_json)
    : AzureBackend(host, options_json, process_environment(), run_command) {}

AzureBackend::AzureBackend(const sdk::Host& host, std::string_view options_json, Environment env,
                           CommandRunner run_command)
    : host_(host),
      options_(parse_options(options_json, env)),
      credentials_(CredentialContext{&host_, std::move(env), options_, std::move(run_command)}),
      tokens_([this](const std::string& scope,
                     const sdk::CallContext& call) { return credentials_.get_token(scope, call); },
              [this] { return host_.now_ns(); }),
      transport_(host_, options_, tokens_) {}

QueryContext AzureBackend::query_context() const {
  QueryContext context;
  context.workspace_id = options_.workspace_id;
  context.subscription_id = options_.subscription_id;
  context.resource_group = options_.resource_group;
  context.endpoints = options_.endpoints;
  context.now_ns = host_.now_ns();
  context.server_timeout_seconds = options_.server_timeout_seconds;
  return context;
}

void AzureBackend::execute(const ir::Query& query, sdk::Sink& sink, const sdk::CallContext& call) {
  run_query(query, query_context(), transport_, sink, call);
}

std::string AzureBackend::explain(const ir::Query& query) {
  return explain_query(query, query_context());
}

std::string AzureBackend::check_health(const sdk::CallContext& call) {
  std::string scope = transport_.scope_of(Audience::log_analytics);
  try {
    tokens_.get(scope, call);
  } catch (const sdk::Error& e) {
    return health_json("error", e.what());
  }
  auto credential = credentials_.active_credential();
  return health_json("ok", "credential '" + std::string(credential ? credential_name(*credential) : "?") +
                               "' has a token for scope '" + scope + "'");
}

}  // namespace tinkr::azure
