// Routes, auth and request bodies (see route.hpp).
#include "route.hpp"

#include "common/error_json.hpp"
#include "common/error_tables.hpp"
#include "common/query_request.hpp"
#include "explorer/explorer_route.hpp"
#include "mcp_route.hpp"
#include "openapi.hpp"

#include <boost/url/parse.hpp>

#include <iostream>

namespace tinkr::server {
namespace {

struct Target {
  std::string path;
  std::vector<std::string> segments;  // decoded
  std::string since;  // the window of GET /api/v1/traces/{id}: since, or from and to (as in a POST's body)
  std::string from;
  std::string to;
  bool explain = false;
};

std::optional<Target> parse_target(std::string_view text) {
  auto url = boost::urls::parse_origin_form(text);
  if (!url) return std::nullopt;
  Target target;
  target.path = url->path();
  for (auto segment : url->segments()) target.segments.push_back(segment);
  for (auto param : url->params()) {
    if (param.key == "since") target.since = param.value;
    if (param.key == "from") target.from = param.value;
    if (param.key == "to") target.to = param.value;
    if (param.key == "explain") target.explain = param.value == "true" || param.value == "1";
  }
  return target;
}

bool wants_ndjson(const Request& request) {
  return request[http::field::accept].find("application/x-ndjson") != std::string_view::npos;
}

class Router {
 public:
  Router(const Request& request, const Services& services) : request_(request), services_(services) {}

  RouteResult run() {
    auto target = parse_target(request_.target());
    if (!target)
      return reply_error(Error(Error::Code::invalid_query, "request target is not a valid URL path"),
                         "unmatched");
    const auto& s = target->segments;
    const std::string& path = target->path;
    if (path == "/healthz") return get_only("/healthz", [&] { return ok_json(R"({"status":"ok"})"); });
    if (path == "/readyz") return get_only("/readyz", [&] { return readiness(); });
    if (path == "/openapi.json")
      return get_only("/openapi.json", [&] { return ok_json(std::string(openapi_document())); });
    if (path == "/metrics")
      return get_only("/metrics", [&] { return authorized(Role::viewer, [&] { return metrics(); }); });
    if (path == "/api/v1/backends")
      return get_only(
          path, [&] { return authorized(Role::viewer, [&] { return ok_json(services_.backends_json); }); });
    if (path == "/api/v1/logs") return query_route(path, ir::Signal::logs);
    if (path == "/api/v1/metrics") return query_route(path, ir::Signal::metrics);
    if (path == "/api/v1/traces") return query_route(path, ir::Signal::trace_search);
    if (path == "/api/v1/query") return query_route(path, std::nullopt);
    if (path == "/api/v1/incident") return incident_route();
    if (path == "/mcp") return mcp_route();
    if (s.size() == 4 && s[0] == "api" && s[1] == "v1" && s[2] == "traces" && !s[3].empty())
      return get_only("/api/v1/traces/{id}",
                      [&] { return authorized(Role::viewer, [&] { return trace(*target); }); });
    if (s.size() == 4 && s[0] == "api" && s[1] == "v1" && s[2] == "schema" && !s[3].empty())
      return get_only("/api/v1/schema/{table}",
                      [&] { return authorized(Role::viewer, [&] { return schema(*target); }); });
    if (auto page_route = explorer::route_of(path)) return explorer_file(std::string(*page_route), path);
    return reply_error(
        Error(Error::Code::not_found, "no route " + std::string(request_.method_string()) + " " + path),
        "unmatched");
  }

 private:
  template <typename Handler>
  RouteResult get_only(const std::string& route, Handler handler) {
    result_.route = route;
    if (request_.method() != http::verb::get && request_.method() != http::verb::head)
      return method_not_allowed("GET");
    return handler();
  }

  // The explorer's page and its files: no key, they hold no data (explorer_route.hpp).
  RouteResult explorer_file(const std::string& route, const std::string& path) {
    return get_only(route, [&] {
      auto response = explorer::serve(request_, path);
      if (!response) return reply_error(Error(Error::Code::not_found, "no explorer file " + path), route);
      result_.response = std::move(*response);
      return std::move(result_);
    });
  }

  RouteResult method_not_allowed(std::string_view allowed) {
    auto response =
        error_response(Error(Error::Code::invalid_query, std::string(request_.method_string()) + " " +
                                                             result_.route + ": method not allowed"),
                       request_.version(), request_.keep_alive());
    response.result(http::status::method_not_allowed);
    response.set(http::field::allow, allowed);
    result_.response = std::move(response);
    return std::move(result_);
  }

  template <typename Handler>
  RouteResult authorized(Role needed, Handler handler) {
    if (!check(needed)) return std::move(result_);
    return handler();
  }

  // Fills result_ with 401/403 and returns false when the caller may not go on.
  bool check(Role needed) {
    if (services_.auth == nullptr) {
      result_.subject = "anonymous";
      return true;
    }
    auto principal = services_.auth->authenticate(request_[http::field::authorization]);
    if (!principal) {
      auto response = error_response(
          Error(Error::Code::unauthenticated, "a valid API key is required (Authorization: Bearer <key>)"),
          request_.version(), request_.keep_alive());
      response.set(http::field::www_authenticate, "Bearer");
      result_.response = std::move(response);
      return false;
    }
    result_.subject = principal->subject;
    if (!allows(*principal, needed)) {
      result_.response =
          error_response(Error(Error::Code::forbidden, "'" + principal->subject + "' lacks the role " +
                                                           std::string(to_string(needed))),
                         request_.version(), request_.keep_alive());
      return false;
    }
    return true;
  }

  // A POST with a JSON body by a viewer: false (and result_ filled) otherwise.
  bool json_post_by_viewer() {
    if (request_.method() != http::verb::post) {
      result_ = method_not_allowed("POST");  // it hands result_ back; keep it for the caller
      return false;
    }
    if (!check(Role::viewer)) return false;
    const auto content_type = request_[http::field::content_type];
    if (!content_type.empty() && content_type.find("application/json") == std::string_view::npos) {
      auto response = error_response(
          Error(Error::Code::invalid_query, "request body: expected Content-Type application/json, got '" +
                                                std::string(content_type) + "'"),
          request_.version(), request_.keep_alive());
      response.result(http::status::unsupported_media_type);
      result_.response = std::move(response);
      return false;
    }
    return true;
  }

  RouteResult incident_route() {
    result_.route = "/api/v1/incident";
    if (!json_post_by_viewer()) return std::move(result_);
    auto options = host::incident_request_from_json(request_.body());
    if (!options) return reply_error(options.error(), result_.route);
    Job job;
    job.kind = Job::Kind::incident;
    job.incident = std::make_shared<const incident::ReportOptions>(std::move(*options));
    job.version = request_.version();
    job.keep_alive = request_.keep_alive();
    result_.job = std::move(job);
    return std::move(result_);
  }

  RouteResult query_route(const std::string& route, std::optional<ir::Signal> signal) {
    result_.route = route;
    if (!json_post_by_viewer()) return std::move(result_);
    auto request = host::request_from_json(request_.body(), host::RouteSignal{signal});
    if (!request) return reply_error(request.error(), route);
    if (request->ir)
      return job(request->explain ? Job::Kind::explain : Job::Kind::run, std::move(*request->ir));
    // A native query runs the backend's own language unchecked, so it asks for more than viewer.
    if (request->spec.signal == ir::Signal::native && !request->explain && !check(Role::oncall))
      return std::move(result_);
    return build_and_run(request->spec, request->explain);
  }

  // Every method reaches the MCP layer once authorised: it answers GET and DELETE with 405 itself.
  RouteResult mcp_route() {
    result_.route = "/mcp";
    if (services_.mcp == nullptr)
      return reply_error(Error(Error::Code::not_found, "this server has no MCP endpoint"), "/mcp");
    if (!check(Role::viewer)) return std::move(result_);
    std::optional<Principal> principal;
    if (services_.auth != nullptr)
      principal = services_.auth->authenticate(request_[http::field::authorization]);
    Job job;
    job.kind = Job::Kind::mcp;
    job.version = request_.version();
    job.keep_alive = request_.keep_alive();
    job.mcp = mcp_call_from(request_, principal ? &*principal : nullptr);
    result_.job = std::move(job);
    return std::move(result_);
  }

  RouteResult trace(const Target& target) {
    QuerySpec spec;
    spec.signal = ir::Signal::trace_get;
    spec.trace_id = target.segments[3];
    spec.since = target.since;
    spec.from = target.from;
    spec.to = target.to;
    auto result = build_and_run(spec, target.explain);
    if (result.job) result.job->critical_path = true;
    return result;
  }

  RouteResult schema(const Target& target) {
    QuerySpec spec;
    spec.signal = ir::Signal::schema;
    spec.text = target.segments[3];
    return build_and_run(spec, target.explain);
  }

  RouteResult build_and_run(const QuerySpec& spec, bool explain) {
    auto query = services_.backend.build(spec);
    if (!query) return reply_error(query.error(), result_.route);
    return job(explain ? Job::Kind::explain : Job::Kind::run, std::move(*query));
  }

  RouteResult job(Job::Kind kind, ir::Query query) {
    Job job;
    job.kind = kind;
    job.query = std::move(query);
    job.stream = kind == Job::Kind::run && wants_ndjson(request_);
    job.version = request_.version();
    job.keep_alive = request_.keep_alive();
    result_.job = std::move(job);
    return std::move(result_);
  }

  // A probe needs no key and gets the status alone; a viewer's key also gets the details.
  RouteResult readiness() {
    bool details = services_.auth == nullptr;
    if (!details) {
      auto principal = services_.auth->authenticate(request_[http::field::authorization]);
      if (principal) result_.subject = principal->subject;
      details = principal && allows(*principal, Role::viewer);
    }
    auto result = job(Job::Kind::health, {});
    result.job->health_details = details;
    return result;
  }

  RouteResult metrics() {
    Response response{http::status::ok, request_.version()};
    response.set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
    response.keep_alive(request_.keep_alive());
    response.body() = services_.metrics.render();
    response.prepare_payload();
    result_.response = std::move(response);
    return std::move(result_);
  }

  RouteResult ok_json(std::string body) {
    result_.response =
        json_response(http::status::ok, std::move(body), request_.version(), request_.keep_alive());
    return std::move(result_);
  }

  RouteResult reply_error(const Error& error, const std::string& route) {
    result_.route = route;
    result_.response = error_response(error, request_.version(), request_.keep_alive());
    return std::move(result_);
  }

  const Request& request_;
  const Services& services_;
  RouteResult result_;
};

}  // namespace

Error as_shown_to_client(const Error& error) {
  if (host::http_status_for(error.code()) != 500) return error;
  std::cerr << "tinkr-server: " << error.to_string() << '\n';
  std::string_view meaning = "server error";
  for (const auto& row : host::kErrorClasses)
    if (row.code == error.code()) meaning = row.meaning;
  return Error(error.code(), std::string(meaning) + "; the server's log has the details", error.source());
}

Response json_response(http::status status, std::string body, unsigned version, bool keep_alive) {
  Response response{status, version};
  response.set(http::field::content_type, "application/json");
  response.set(http::field::cache_control, "no-store");
  response.keep_alive(keep_alive);
  response.body() = std::move(body);
  response.prepare_payload();
  return response;
}

Response error_response(const Error& error, unsigned version, bool keep_alive) {
  auto response = json_response(static_cast<http::status>(host::http_status_for(error.code())),
                                host::error_to_json(as_shown_to_client(error)), version, keep_alive);
  if (error.code() == Error::Code::throttled)
    response.set(http::field::retry_after,
                 std::to_string(std::max<int64_t>(
                     1, error.retry_after_ms() / 1000 + (error.retry_after_ms() % 1000 != 0))));
  return response;
}

RouteResult route(const Request& request, const Services& services) {
  return Router(request, services).run();
}

}  // namespace tinkr::server
