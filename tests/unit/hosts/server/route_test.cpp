// route() without sockets: auth, routes, bodies, and what goes to the worker pool.
#include "route.hpp"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

namespace tinkr::server {
namespace {

// Builds IR from a spec the simple way; route() never runs a query itself.
class FakeBackend final : public QueryBackend {
 public:
  Expected<ir::Query> build(const QuerySpec& spec) const override {
    last_spec = spec;
    if (spec.text == "level>>") return fail(Error::Code::invalid_query, "query: unexpected '>'");
    ir::Query query;
    query.signal = spec.signal;
    query.service = spec.service;
    query.trace_id = spec.trace_id;
    query.native_text = spec.signal == ir::Signal::native ? spec.text : "";
    return query;
  }
  Expected<RunStats> run(const ir::Query&, ResultSink&, const RunOptions&) override { return RunStats{}; }
  Expected<QueryResult> collect(const ir::Query&, const RunOptions&) override { return QueryResult{}; }
  Expected<Explanation> explain(const ir::Query&) override { return Explanation{}; }
  Expected<Health> check_health() override { return read_health("{}"); }
  const BackendInfo& info() const override { return info_; }
  mutable QuerySpec last_spec;  // what the route asked build() for

 private:
  BackendInfo info_{"fake", "1.0", "1.0", "", "{}"};
};

class RouteTest : public ::testing::Test {
 protected:
  Request request(http::verb verb, std::string target, std::string body = "",
                  std::string key = "viewer-key") {
    Request r{verb, target, 11};
    if (!key.empty()) r.set(http::field::authorization, "Bearer " + key);
    if (!body.empty()) r.set(http::field::content_type, "application/json");
    r.body() = std::move(body);
    r.prepare_payload();
    return r;
  }
  RouteResult call(const Request& r) { return route(r, services_); }

  static std::string error_code(const Response& response) {
    rapidjson::Document document;
    document.Parse(response.body().c_str());
    if (document.HasParseError() || !document.HasMember("error")) return "<no error object>";
    return document["error"]["code"].GetString();
  }

  FakeBackend backend_;
  ServerMetrics metrics_;
  Authenticator auth_{{{sha256_hex("viewer-key"), "vera", {"viewer"}},
                       {sha256_hex("oncall-key"), "otto", {"oncall"}},
                       {sha256_hex("no-role-key"), "nobody", {}}}};
  Services services_{backend_, metrics_, &auth_, R"({"backends":[]})"};
};

TEST_F(RouteTest, HealthzNeedsNoKey) {
  auto result = call(request(http::verb::get, "/healthz", "", ""));
  ASSERT_TRUE(result.response);
  EXPECT_EQ(result.response->result_int(), 200);
  EXPECT_EQ(result.response->body(), R"({"status":"ok"})");
}

TEST_F(RouteTest, ReadyzAsksTheBackendOnTheWorkerPool) {
  auto result = call(request(http::verb::get, "/readyz", "", ""));
  ASSERT_TRUE(result.job) << "a health check calls the plugin, so it must not run on the I/O thread";
  EXPECT_EQ(result.job->kind, Job::Kind::health);
}

TEST_F(RouteTest, ReadyzGivesItsDetailsOnlyToAViewer) {
  // Probes (Container Apps, Kubernetes) call /readyz without a key; the doctor's details name the
  // subscription, the credential and principal ids, which an open ingress must not show.
  auto probe = call(request(http::verb::get, "/readyz", "", ""));
  ASSERT_TRUE(probe.job);
  EXPECT_FALSE(probe.job->health_details);
  auto stranger = call(request(http::verb::get, "/readyz", "", "wrong-key"));
  ASSERT_TRUE(stranger.job) << "a wrong key is not refused: the probe still gets the status";
  EXPECT_FALSE(stranger.job->health_details);
  auto no_role = call(request(http::verb::get, "/readyz", "", "no-role-key"));
  ASSERT_TRUE(no_role.job);
  EXPECT_FALSE(no_role.job->health_details);
  auto viewer = call(request(http::verb::get, "/readyz"));
  ASSERT_TRUE(viewer.job);
  EXPECT_TRUE(viewer.job->health_details);
  EXPECT_EQ(viewer.subject, "vera");
}

TEST_F(RouteTest, NoKeyIs401WithAChallenge) {
  auto result = call(request(http::verb::post, "/api/v1/logs", R"({"service":"a"})", ""));
  ASSERT_TRUE(result.response);
  EXPECT_EQ(result.response->result_int(), 401);
  EXPECT_EQ((*result.response)[http::field::www_authenticate], "Bearer");
  EXPECT_EQ(error_code(*result.response), "unauthenticated");
  EXPECT_EQ(result.response->body().find("viewer-key"), std::string::npos);
}

TEST_F(RouteTest, WrongKeyIs401) {
  auto result = call(request(http::verb::post, "/api/v1/logs", R"({"service":"a"})", "guess"));
  ASSERT_TRUE(result.response);
  EXPECT_EQ(result.response->result_int(), 401);
}

TEST_F(RouteTest, KeyWithoutTheRoleIs403) {
  auto no_role = call(request(http::verb::post, "/api/v1/logs", R"({"service":"a"})", "no-role-key"));
  ASSERT_TRUE(no_role.response);
  EXPECT_EQ(no_role.response->result_int(), 403);
  EXPECT_EQ(error_code(*no_role.response), "forbidden");
  // A native query asks for oncall; a viewer may only explain it.
  auto native = call(request(http::verb::post, "/api/v1/query", R"({"native":"T | take 1"})"));
  ASSERT_TRUE(native.response);
  EXPECT_EQ(native.response->result_int(), 403);
  auto explain =
      call(request(http::verb::post, "/api/v1/query", R"({"native":"T | take 1","explain":true})"));
  EXPECT_TRUE(explain.job) << "explaining a native query sends nothing, so viewer is enough";
  auto oncall = call(request(http::verb::post, "/api/v1/query", R"({"native":"T | take 1"})", "oncall-key"));
  ASSERT_TRUE(oncall.job);
  EXPECT_EQ(oncall.job->query.native_text, "T | take 1");
}

TEST_F(RouteTest, GoodKeyGivesAJob) {
  auto r = request(http::verb::post, "/api/v1/logs", R"({"service":"payments-api","query":"level>=warn"})");
  r.set(http::field::accept, "application/x-ndjson");
  auto result = call(r);
  ASSERT_TRUE(result.job);
  EXPECT_EQ(result.subject, "vera");
  EXPECT_EQ(result.route, "/api/v1/logs");
  EXPECT_EQ(result.job->kind, Job::Kind::run);
  EXPECT_TRUE(result.job->stream) << "Accept: application/x-ndjson streams";
  EXPECT_EQ(result.job->query.signal, ir::Signal::logs);
  EXPECT_EQ(result.job->query.service, "payments-api");
}

TEST_F(RouteTest, ExplainIsItsOwnJob) {
  auto result = call(request(http::verb::post, "/api/v1/traces", R"({"service":"a","explain":true})"));
  ASSERT_TRUE(result.job);
  EXPECT_EQ(result.job->kind, Job::Kind::explain);
  EXPECT_EQ(result.job->query.signal, ir::Signal::trace_search);
}

TEST_F(RouteTest, TraceIdComesFromThePathDecoded) {
  auto result = call(request(http::verb::get, "/api/v1/traces/abc%2Fdef?since=1d"));
  ASSERT_TRUE(result.job);
  EXPECT_EQ(result.route, "/api/v1/traces/{id}") << "metrics label the template, not the id";
  EXPECT_EQ(result.job->query.trace_id, "abc/def");
}

// The window a trace is searched in: --from/--to travel as the query string of the GET.
TEST_F(RouteTest, ATracesWindowComesFromTheQueryString) {
  auto result =
      call(request(http::verb::get, "/api/v1/traces/t1?from=2026-11-01T00%3A00%3A00%2B01%3A00&to=now-5m"));
  ASSERT_TRUE(result.job);
  EXPECT_EQ(backend_.last_spec.from, "2026-11-01T00:00:00+01:00") << "percent-decoded, '+' kept";
  EXPECT_EQ(backend_.last_spec.to, "now-5m");
  EXPECT_EQ(backend_.last_spec.trace_id, "t1");
}

TEST_F(RouteTest, MalformedJsonIs400) {
  auto result = call(request(http::verb::post, "/api/v1/logs", "{\"service\":"));
  ASSERT_TRUE(result.response);
  EXPECT_EQ(result.response->result_int(), 400);
  EXPECT_EQ(error_code(*result.response), "invalid_query");
}

TEST_F(RouteTest, InvalidQueryIs400WithTheParserMessage) {
  auto result = call(request(http::verb::post, "/api/v1/logs", R"({"service":"a","query":"level>>"})"));
  ASSERT_TRUE(result.response);
  EXPECT_EQ(result.response->result_int(), 400);
  EXPECT_NE(result.response->body().find("unexpected '>'"), std::string::npos) << result.response->body();
}

TEST_F(RouteTest, UnknownRouteIs404) {
  auto result = call(request(http::verb::get, "/api/v2/logs"));
  ASSERT_TRUE(result.response);
  EXPECT_EQ(result.response->result_int(), 404);
  EXPECT_EQ(result.route, "unmatched");
  EXPECT_EQ(error_code(*result.response), "not_found");
}

TEST_F(RouteTest, WrongMethodIs405WithAllow) {
  auto result = call(request(http::verb::get, "/api/v1/logs"));
  ASSERT_TRUE(result.response);
  EXPECT_EQ(result.response->result_int(), 405);
  EXPECT_EQ((*result.response)[http::field::allow], "POST");
}

TEST_F(RouteTest, WrongContentTypeIs415) {
  auto r = request(http::verb::post, "/api/v1/logs", R"({"service":"a"})");
  r.set(http::field::content_type, "text/plain");
  auto result = call(r);
  ASSERT_TRUE(result.response);
  EXPECT_EQ(result.response->result_int(), 415);
}

TEST_F(RouteTest, OpenApiIsValidJsonListingEveryRoute) {
  auto result = call(request(http::verb::get, "/openapi.json", "", ""));
  ASSERT_TRUE(result.response);
  rapidjson::Document document;
  document.Parse(result.response->body().c_str());
  ASSERT_FALSE(document.HasParseError());
  EXPECT_STREQ(document["openapi"].GetString(), "3.0.3");
  for (const char* path :
       {"/healthz", "/readyz", "/api/v1/backends", "/api/v1/logs", "/api/v1/metrics", "/api/v1/traces",
        "/api/v1/traces/{id}", "/api/v1/query", "/api/v1/incident", "/metrics", "/openapi.json"})
    EXPECT_TRUE(document["paths"].HasMember(path)) << path;
}

TEST_F(RouteTest, IncidentIsAViewersPostThatRunsOnTheWorkerPool) {
  auto result =
      call(request(http::verb::post, "/api/v1/incident",
                   R"({"service":"payments-api","since":"30m","baseline":"24h","slow":"500ms","top":3})"));
  ASSERT_TRUE(result.job) << (result.response ? result.response->body() : "");
  EXPECT_EQ(result.job->kind, Job::Kind::incident);
  ASSERT_TRUE(result.job->incident);
  EXPECT_EQ(result.job->incident->service, "payments-api");
  EXPECT_EQ(result.job->incident->since, "30m");
  EXPECT_EQ(result.job->incident->baseline, "24h");
  EXPECT_EQ(result.job->incident->slow, "500ms");
  EXPECT_EQ(result.job->incident->top, 3u);
  EXPECT_EQ(result.route, "/api/v1/incident");

  auto get = call(request(http::verb::get, "/api/v1/incident"));
  ASSERT_TRUE(get.response);
  EXPECT_EQ(get.response->result_int(), 405);
  auto anonymous = call(request(http::verb::post, "/api/v1/incident", R"({"service":"s"})", ""));
  ASSERT_TRUE(anonymous.response);
  EXPECT_EQ(anonymous.response->result_int(), 401);
  auto no_role = call(request(http::verb::post, "/api/v1/incident", R"({"service":"s"})", "no-role-key"));
  ASSERT_TRUE(no_role.response);
  EXPECT_EQ(no_role.response->result_int(), 403);
}

TEST_F(RouteTest, IncidentBodiesAreCheckedBeforeAnyWork) {
  for (const char* body : {R"({"service":"s","sice":"1h"})", R"({"since":"1h"})", R"({"service":5})",
                           R"({"service":"s","top":-1})", R"([1])", "{"}) {
    auto result = call(request(http::verb::post, "/api/v1/incident", body));
    ASSERT_TRUE(result.response) << body;
    EXPECT_FALSE(result.job) << body;
    EXPECT_EQ(result.response->result_int(), 400) << body;
    EXPECT_EQ(error_code(*result.response), "invalid_query") << body;
  }
  auto unknown = call(request(http::verb::post, "/api/v1/incident", R"({"service":"s","sice":"1h"})"));
  EXPECT_NE(unknown.response->body().find("sice"), std::string::npos) << unknown.response->body();
}

TEST_F(RouteTest, MetricsCountRequestsByRouteAndStatus) {
  metrics_.record_request("/api/v1/logs", 200, 0.003);
  metrics_.record_request("/api/v1/logs", 200, 0.2);
  metrics_.record_upstream_call("fake", "timeout");
  auto result = call(request(http::verb::get, "/metrics"));
  ASSERT_TRUE(result.response);
  const std::string& text = result.response->body();
  EXPECT_NE(text.find("tinkr_http_requests_total{route=\"/api/v1/logs\",status=\"200\"} 2"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("tinkr_http_request_duration_seconds_bucket{route=\"/api/v1/logs\",le=\"0.005\"} 1"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("tinkr_upstream_errors_total{backend=\"fake\",code=\"timeout\"} 1"), std::string::npos)
      << text;
}

TEST_F(RouteTest, ThrottledErrorsCarryRetryAfter) {
  auto response =
      error_response(Error(Error::Code::throttled, "busy", Error::Source::upstream, true, 1500), 11, true);
  EXPECT_EQ(response.result_int(), 429);
  EXPECT_EQ(response[http::field::retry_after], "2") << "1.5 s rounds up to whole seconds";
}

TEST_F(RouteTest, NoAuthModeLetsEveryoneIn) {
  Services open{backend_, metrics_, nullptr, "{}"};
  Request r{http::verb::post, "/api/v1/query", 11};
  r.body() = R"({"native":"T"})";
  r.prepare_payload();
  auto result = route(r, open);
  EXPECT_TRUE(result.job);
  EXPECT_EQ(result.subject, "anonymous");
}

}  // namespace
}  // namespace tinkr::server
