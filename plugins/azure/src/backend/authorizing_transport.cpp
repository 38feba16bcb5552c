// Bearer-token transport with the endpoint allow-list (see authorizing_transport.hpp).
#include "backend/authorizing_transport.hpp"
#include <tinkr/sdk/text.hpp>

#include "backend/host_answer.hpp"
#include "common/url.hpp"
#include "decode/missing_role.hpp"

#include <tinkr/sdk/error.hpp>

namespace tinkr::azure {
namespace {

std::string_view audience_label(Audience audience) {
  return audience == Audience::arm ? "Azure Resource Manager" : "Log Analytics";
}

}  // namespace

std::string AuthorizingTransport::scope_of(Audience audience) const {
  return token_scope(options_.cloud, audience);
}

std::unique_ptr<Answer> AuthorizingTransport::open(const RequestPlan& plan, const sdk::CallContext& call) {
  const std::string& endpoint =
      plan.audience == Audience::arm ? options_.endpoints.arm : options_.endpoints.log_analytics;
  auto target = split_url(plan.url);
  auto allowed = split_url(endpoint);
  if (!target || !allowed || target->origin() != allowed->origin())
    throw sdk::Error(TINKR_FORBIDDEN, "refusing to send an azure token to '" +
                                          (target ? target->origin() : plan.url) + "': not the configured " +
                                          std::string(audience_label(plan.audience)) + " endpoint " +
                                          endpoint);

  std::string scope = scope_of(plan.audience);
  AccessToken token = tokens_.get(scope, call);

  sdk::HttpRequest request;
  request.method = plan.method;
  request.url = plan.url;
  for (const auto& h : plan.headers)
    if (!sdk::equals_ignoring_case(h.name, "Authorization")) request.headers.push_back(h);
  request.headers.push_back({"Authorization", "Bearer " + token.token});
  // Log Analytics' answers shrink about fivefold in gzip; they are inflated as they are read.
  request.headers.push_back({"Accept-Encoding", "gzip"});
  request.body = plan.body;
  request.ca_file = options_.ca_file;
  request.timeout_ms =
      (int64_t{options_.server_timeout_seconds} + options_.client_timeout_margin_seconds) * 1000;
  request.max_response_bytes = options_.max_answer_bytes;
  if (target->scheme == "http")
    request.flags |= TINKR_HTTP_ALLOW_PLAIN_HTTP;  // loopback only, checked by options

  auto on_head = [this, scope, bearer = std::move(token.token)](sdk::HttpResponse& head) {
    if (head.status == 401) tokens_.invalidate(scope);
    if (head.status == 403) {  // for the missing-role advice (decode/missing_role.hpp)
      head.headers.push_back({std::string(decode::kRoleScopeHeader),
                              decode::role_scope(options_.subscription_id, options_.resource_group)});
      if (auto principal = decode::principal_from_token(bearer); !principal.empty())
        head.headers.push_back({std::string(decode::kCallerObjectIdHeader), std::move(principal)});
    }
  };
  return std::make_unique<HostAnswer>(
      host_.open(request, call), static_cast<uint64_t>(options_.max_answer_bytes),
      "the answer from " + std::string(audience_label(plan.audience)), std::move(on_head));
}

}  // namespace tinkr::azure
