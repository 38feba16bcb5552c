// The Azure backend's wiring (see azure_backend.hpp).
#include "backend/azure_backend.hpp"

#include "backend/doctor.hpp"
#include "lower/run_query.hpp"
#include "secrets/key_vault.hpp"

#include <utility>

namespace tinkr::azure {

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
  context.slices = options_.slices;
  context.max_answer_bytes = options_.max_answer_bytes;
  context.table_plans = options_.table_plans;
  // estimate_data_size counts raw values; the JSON answer (quotes, escapes, brackets) is larger.
  context.slices.byte_budget = options_.max_answer_bytes / 2;
  return context;
}

void AzureBackend::execute(const ir::Query& query, sdk::Sink& sink, const sdk::CallContext& call) {
  run_query(query, query_context(), transport_, sink, call);
}

std::string AzureBackend::explain(const ir::Query& query) {
  return explain_query(query, query_context());
}

std::string AzureBackend::read_secret(std::string_view uri, const sdk::CallContext& call) {
  return read_key_vault_secret(uri, options_, tokens_, host_, call);
}

std::string AzureBackend::check_health(const sdk::CallContext& call) {
  // A readiness probe every few seconds must not become a Log Analytics query every few seconds:
  // a result is reused for kHealthReuseNs (a fresh process, as `tinkr doctor` is, always checks).
  const int64_t now = host_.now_ns();
  {
    std::lock_guard lock(health_mutex_);
    if (!last_health_.empty() && now - last_health_ns_ < kHealthReuseNs) return last_health_;
  }
  const QueryContext context = query_context();
  std::string health = run_doctor(
      DoctorInputs{context, transport_, tokens_, credentials_, transport_.scope_of(Audience::log_analytics),
                   transport_.scope_of(Audience::arm)},
      call);
  std::lock_guard lock(health_mutex_);
  last_health_ = health;
  last_health_ns_ = now;
  return health;
}

}  // namespace tinkr::azure
