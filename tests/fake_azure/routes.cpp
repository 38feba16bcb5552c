// What the fake Azure answers: programmed responses first, then each service's default behaviour
// built from the vectors (tokens with the caller's audience, auth checks, ARM paging back to the fake).
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <chrono>

#include "state.hpp"

namespace tinkr::fake_azure {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

int64_t unix_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string to_json(const rapidjson::Document& document) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  document.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

void set_string(rapidjson::Document& d, const char* name, const std::string& value) {
  d.RemoveMember(name);
  d.AddMember(rapidjson::Value(name, d.GetAllocator()), rapidjson::Value(value.c_str(), d.GetAllocator()),
              d.GetAllocator());
}

void set_int(rapidjson::Document& d, const char* name, int64_t value) {
  d.RemoveMember(name);
  d.AddMember(rapidjson::Value(name, d.GetAllocator()), rapidjson::Value(value), d.GetAllocator());
}

std::string issue(FakeAzure::State& state, std::string_view audience) {
  return "fake-token." + std::string(audience) + "." + std::to_string(++state.tokens_issued);
}

void count_token_request(FakeAzure::State& state, const std::string& audience) {
  std::lock_guard lock(state.mutex);
  ++state.token_requests[audience];
}

FakeResponse entra_token(FakeAzure::State& state, const RecordedRequest& request) {
  const auto& o = state.options;
  auto invalid_client = [&] {
    return FakeResponse::json(401, state.vector("identity/entra.v2.error.invalid_client.7000215.json"));
  };
  if (request.method != "POST") return FakeResponse::json(405, "{\"error\":\"invalid_request\"}");
  if (request.form_param("grant_type").value_or("") != "client_credentials" ||
      request.form_param("client_id").value_or("").empty())
    return FakeResponse::json(
        400,
        "{\"error\":\"invalid_request\",\"error_description\":\"AADSTS900144: The request body must contain "
        "the following parameter: 'client_id' and 'grant_type'.\"}");
  auto secret = request.form_param("client_secret").value_or("");
  auto assertion = request.form_param("client_assertion").value_or("");
  if (!secret.empty()) {
    if (!o.client_secret.empty() && secret != o.client_secret) return invalid_client();
  } else if (!assertion.empty()) {
    if (request.form_param("client_assertion_type").value_or("") !=
        "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
      return invalid_client();
    if (!o.client_assertion.empty() && assertion != o.client_assertion) return invalid_client();
  } else {
    return invalid_client();
  }
  auto scope = request.form_param("scope").value_or("");
  if (!scope.ends_with("/.default"))
    return FakeResponse::json(400, state.vector("identity/entra.v2.error.invalid_scope.docs-example.json"));
  auto audience = audience_of(scope);
  count_token_request(state, audience);
  rapidjson::Document body;
  body.Parse(state.vector("identity/entra.v2.token.response.json").c_str());
  set_string(body, "access_token", issue(state, audience));
  set_int(body, "expires_in", o.token_lifetime_s);
  set_int(body, "ext_expires_in", o.token_lifetime_s);
  set_int(body, "refresh_in", o.token_lifetime_s / 2);
  return FakeResponse::json(200, to_json(body));
}

// IMDS and the App Service endpoint answer alike: expires_on is a string of epoch seconds there.
FakeResponse managed_identity_token(FakeAzure::State& state, const RecordedRequest& request,
                                    bool app_service) {
  if (app_service) {
    if (request.header("X-IDENTITY-HEADER") != state.options.identity_header)
      return FakeResponse::json(401, "{\"statusCode\":401,\"message\":\"Unauthorized request\"}");
  } else if (request.header("Metadata") != "true") {
    return FakeResponse::json(
        400,
        "{\"error\":\"invalid_request\",\"error_description\":\"Required metadata header not specified\"}");
  }
  auto expected_version = app_service ? "2019-08-01" : "2018-02-01";
  auto resource = request.query_param("resource").value_or("");
  if (request.query_param("api-version").value_or("") != expected_version || resource.empty())
    return FakeResponse::json(400,
                              "{\"error\":\"invalid_request\",\"error_description\":\"Required audience "
                              "parameter not specified\"}");
  auto audience = audience_of(resource);
  count_token_request(state, audience);
  rapidjson::Document body;
  body.Parse(state
                 .vector(app_service ? "identity/appservice.2019-08-01.token.response.json"
                                     : "identity/imds.token.response.json")
                 .c_str());
  set_string(body, "access_token", issue(state, audience));
  set_string(body, "expires_on", std::to_string(unix_seconds() + state.options.token_lifetime_s));
  set_string(body, "resource", resource);
  if (!app_service) set_string(body, "expires_in", std::to_string(state.options.token_lifetime_s));
  if (auto client_id = request.query_param("client_id")) set_string(body, "client_id", *client_id);
  return FakeResponse::json(200, to_json(body));
}

// nullopt when the bearer token is good for one of the audiences.
std::optional<FakeResponse> check_bearer(FakeAzure::State& state, const RecordedRequest& request,
                                         const std::vector<std::string_view>& audiences) {
  if (!state.options.require_auth) return std::nullopt;
  std::string_view authorization = request.header("Authorization");
  if (authorization.empty()) {
    auto response =
        FakeResponse::json(401, state.vector("log-analytics/error.401.missing-authorization.json"));
    response.headers.emplace_back("WWW-Authenticate",
                                  "Bearer authorization_uri=\"https://login.microsoftonline.com/\"");
    return response;
  }
  constexpr std::string_view kPrefix = "Bearer fake-token.";
  if (!authorization.starts_with(kPrefix) || authorization.rfind('.') < kPrefix.size())
    return FakeResponse::json(403, state.vector("log-analytics/error.403.invalid-token.json"));
  auto token = authorization.substr(kPrefix.size());
  auto audience = token.substr(0, token.rfind('.'));
  for (auto allowed : audiences)
    if (audience == allowed) return std::nullopt;
  return FakeResponse::json(403, state.vector("log-analytics/error.403.invalid-token-audience.json"));
}

FakeResponse arm_resources(FakeAzure::State& state, const RecordedRequest& request) {
  if (lower(request.path).find("/resourcegroups/rg-missing/") != std::string::npos)
    return FakeResponse::json(404, state.vector("arm/error.404.resource-group-not-found.json"));
  bool second_page = request.query.find("skiptoken") != std::string::npos;
  std::string text = state.vector(second_page ? "arm/resources.list.page2.response.json"
                                              : "arm/resources.list.page1.response.json");
  // nextLink points at the real ARM; point it back at the fake (same host, so the plugin follows it).
  rapidjson::Document body;
  body.Parse(text.c_str());
  constexpr std::string_view kArm = "https://management.azure.com";
  if (body.IsObject() && body.HasMember("nextLink") && body["nextLink"].IsString()) {
    std::string link = body["nextLink"].GetString();
    if (link.starts_with(kArm)) set_string(body, "nextLink", state.https_base + link.substr(kArm.size()));
  }
  return FakeResponse::json(200, to_json(body));
}

std::optional<FakeResponse> dequeue(FakeAzure::State& state, Route route) {
  std::lock_guard lock(state.mutex);
  for (Route r : {Route::any, route}) {
    auto it = state.queued.find(r);
    if (it != state.queued.end() && !it->second.empty()) {
      FakeResponse response = std::move(it->second.front());
      it->second.pop_front();
      return response;
    }
  }
  return std::nullopt;
}

}  // namespace

Route classify(std::string_view method, std::string_view path) {
  std::string p = lower(path);
  if (p.ends_with("/oauth2/v2.0/token")) return Route::token;
  if (p == "/metadata/identity/oauth2/token") return Route::imds;
  if (p == "/msi/token") return Route::app_service_identity;
  if (method == "POST" && p.starts_with("/v1/") && p.ends_with("/query")) return Route::log_analytics_query;
  if (method == "POST" && p.starts_with("/v1/workspaces/") && p.ends_with("/search"))
    return Route::log_analytics_search;
  if (method == "GET" && p.starts_with("/v1/workspaces/") && p.ends_with("/metadata"))
    return Route::log_analytics_metadata;
  if (p.ends_with("/providers/microsoft.insights/metrics")) return Route::metrics;
  if (p.ends_with("/providers/microsoft.insights/metricdefinitions")) return Route::metric_definitions;
  if (p.starts_with("/subscriptions/") && p.find("/resourcegroups/") != std::string::npos &&
      p.ends_with("/resources"))
    return Route::arm_resources;
  if (method == "GET" && p.starts_with("/secrets/")) return Route::key_vault_secret;
  return Route::other;
}

std::string FakeAzure::State::vector(std::string_view relative_path) {
  std::lock_guard lock(vector_mutex_);
  auto it = vector_cache_.find(relative_path);
  if (it == vector_cache_.end())
    it = vector_cache_
             .emplace(std::string(relative_path), read_vector_file(options.vectors_dir, relative_path))
             .first;
  return it->second;
}

FakeResponse FakeAzure::State::answer(const RecordedRequest& request) {
  if (auto queued_response = dequeue(*this, request.route)) return *queued_response;
  decltype(request_handlers) handlers;
  decltype(query_handlers) queries;
  {
    std::lock_guard lock(mutex);
    handlers = request_handlers;
    queries = query_handlers;
  }
  for (const auto& handler : handlers)
    if (auto response = handler(request)) return *response;

  static const std::vector<std::string_view> kLogAnalytics = {"https://api.loganalytics.io",
                                                              "https://api.loganalytics.azure.com"};
  static const std::vector<std::string_view> kArm = {"https://management.azure.com",
                                                     "https://management.core.windows.net"};
  switch (request.route) {
    case Route::token:
      return entra_token(*this, request);
    case Route::imds:
      return managed_identity_token(*this, request, false);
    case Route::app_service_identity:
      return managed_identity_token(*this, request, true);
    case Route::log_analytics_query:
    case Route::log_analytics_search: {
      if (auto denied = check_bearer(*this, request, kLogAnalytics)) return *denied;
      // The service answers a body-less or non-JSON POST with an empty 200 (errors.md).
      rapidjson::Document body;
      body.Parse(request.body.c_str());
      if (request.body.empty() || body.HasParseError() || !body.IsObject())
        return FakeResponse::json(200, "");
      // /search takes its time range only from the timespan (constructed answer: the service's
      // documented rule, its exact words unknown).
      if (request.route == Route::log_analytics_search && !body.HasMember("timespan"))
        return FakeResponse::json(
            400, R"({"error":{"code":"BadArgumentError","message":"The request had some invalid properties",)"
                 R"("innererror":{"code":"TimespanRequired","message":"A timespan is required to query )"
                 R"(Basic and Auxiliary tables"}}})");
      std::string kql = body.HasMember("query") && body["query"].IsString() ? body["query"].GetString() : "";
      for (const auto& handler : queries)
        if (auto response = handler(kql)) return *response;
      return FakeResponse::json(200, vector("log-analytics/query.simple.response.json"));
    }
    case Route::log_analytics_metadata:
      if (auto denied = check_bearer(*this, request, kLogAnalytics)) return *denied;
      return log_analytics_metadata(*this);
    case Route::metrics:
      if (auto denied = check_bearer(*this, request, kArm)) return *denied;
      return FakeResponse::json(200, vector("metrics/metrics.list.app-service.response.json"));
    case Route::metric_definitions:
      if (auto denied = check_bearer(*this, request, kArm)) return *denied;
      return FakeResponse::json(200, vector("metrics/metric-definitions.web-sites.response.json"));
    case Route::arm_resources:
      if (auto denied = check_bearer(*this, request, kArm)) return *denied;
      return arm_resources(*this, request);
    case Route::key_vault_secret:
      return key_vault_answer(*this, request);
    case Route::any:
    case Route::other:
      if (request.path == "/ping") return FakeResponse::json(200, "{\"ok\":true}");
      break;
  }
  return FakeResponse::json(404, vector("log-analytics/error.404.path-not-found.json"));
}

}  // namespace tinkr::fake_azure
