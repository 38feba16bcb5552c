// tinkr-server over real sockets on 127.0.0.1: every route, auth, NDJSON streaming, limits, error
// statuses and graceful shutdown, against the mock backend plugin.
#include "common/error_json.hpp"
#include "server_fixture.hpp"

#include <rapidjson/document.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include <future>
#include <thread>

namespace tinkr::testing {
namespace {

rapidjson::Document parse(const std::string& body) {
  rapidjson::Document document;
  document.Parse(body.c_str());
  EXPECT_FALSE(document.HasParseError()) << "not JSON: " << body.substr(0, 300);
  return document;
}

std::string error_code(const host::HttpReply& reply) {
  auto document = parse(reply.body);
  if (!document.IsObject() || !document.HasMember("error")) return "<none>";
  return document["error"]["code"].GetString();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1)
    lines.push_back(text.substr(start, end - start));
  return lines;
}

// Waits (without sleeping) until the server reports a query on its worker pool.
void spin_until_in_flight(server::Server& server, int count) {
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (server.queries_in_flight() < count && std::chrono::steady_clock::now() < give_up)
    std::this_thread::yield();
  ASSERT_GE(server.queries_in_flight(), count) << "the query never started";
}

using ServerTest = ServerFixture;

TEST_F(ServerTest, HealthzAndReadyz) {
  auto health = call("GET", "/healthz", "", "");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.body, R"({"status":"ok"})");
  auto ready = call("GET", "/readyz", "", "");
  EXPECT_EQ(ready.status, 200) << ready.body;
  auto document = parse(ready.body);
  EXPECT_STREQ(document["status"].GetString(), "ready");
  EXPECT_STREQ(document["backend"].GetString(), "mock");
}

TEST_F(ServerTest, OpenApiAndBackends) {
  auto openapi = call("GET", "/openapi.json", "", "");
  EXPECT_EQ(openapi.status, 200);
  auto document_paths = parse(openapi.body);
  ASSERT_TRUE(document_paths.HasMember("paths"));
  // Every route the server answers is described.
  for (const char* path : {"/healthz", "/readyz", "/openapi.json", "/metrics", "/api/v1/backends",
                           "/api/v1/logs", "/api/v1/metrics", "/api/v1/traces", "/api/v1/traces/{id}",
                           "/api/v1/schema/{table}", "/api/v1/query", "/mcp"})
    EXPECT_TRUE(document_paths["paths"].HasMember(path)) << path;
  auto backends = call("GET", "/api/v1/backends");
  ASSERT_EQ(backends.status, 200) << backends.body;
  auto document = parse(backends.body);
  EXPECT_STREQ(document["backends"][0]["name"].GetString(), "mock");
}

TEST_F(ServerTest, LogsReturnTheBackendsRecordsAsJson) {
  auto reply = call("POST", "/api/v1/logs", R"({"service":"payments-api","since":"1h","limit":100})");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.headers["content-type"], "application/json");
  auto document = parse(reply.body);
  ASSERT_TRUE(document["records"].IsArray());
  EXPECT_EQ(document["records"].Size(), 100u) << "the mock answers with 100 records";
  EXPECT_STREQ(document["records"][0]["type"].GetString(), "log");
  EXPECT_STREQ(document["records"][0]["service"].GetString(), "payments-api");
  EXPECT_EQ(document["stats"]["delivered"].GetInt64(), 100);
}

TEST_F(ServerTest, MetricsTracesTraceAndQueryRoutes) {
  auto metrics = call("POST", "/api/v1/metrics", R"({"service":"a","metrics":{"names":["requests"]}})");
  EXPECT_EQ(metrics.status, 200) << metrics.body;
  EXPECT_STREQ(parse(metrics.body)["records"][0]["type"].GetString(), "metric_series");
  auto traces = call("POST", "/api/v1/traces", R"({"service":"a","failed":true})");
  EXPECT_EQ(traces.status, 200) << traces.body;
  auto trace = call("GET", "/api/v1/traces/trace-1");
  EXPECT_EQ(trace.status, 200) << trace.body;
  auto by_text = call("POST", "/api/v1/query", R"({"signal":"logs","service":"a","query":"level>=warn"})");
  EXPECT_EQ(by_text.status, 200) << by_text.body;
  auto native = call("POST", "/api/v1/query", R"({"native":"anything"})", kOncallKey);
  EXPECT_EQ(native.status, 200) << native.body;
  const std::string ir = R"({"ir":{"ir":1,"signal":"logs","service":"a","time":{"from_ns":1,"to_ns":2}}})";
  auto by_ir = call("POST", "/api/v1/query", ir);
  EXPECT_TRUE(by_ir.status == 200 || by_ir.status == 400) << by_ir.body;
  EXPECT_NE(by_ir.status, 500) << by_ir.body;
}

TEST_F(ServerTest, SchemaListsATablesColumnsForAViewer) {
  auto schema = call("GET", "/api/v1/schema/Events");
  ASSERT_EQ(schema.status, 200) << schema.body;
  auto document = parse(schema.body);
  const auto& table = document["tables"][0];
  EXPECT_STREQ(table["type"].GetString(), "table");
  EXPECT_STREQ(table["name"].GetString(), "schema");
  ASSERT_EQ(table["rows"].Size(), 2u) << schema.body;
  EXPECT_STREQ(table["rows"][0][0].GetString(), "Events") << "the table, from the path";
  EXPECT_STREQ(table["rows"][0][2].GetString(), "id");
  EXPECT_STREQ(table["rows"][0][3].GetString(), "long");
  EXPECT_EQ(call("GET", "/api/v1/schema/Events", "", "").status, 401);
  EXPECT_EQ(call("GET", "/api/v1/schema/Events", "", kNoRoleKey).status, 403);
  EXPECT_EQ(call("POST", "/api/v1/schema/Events", "{}").status, 405);
  auto explained = call("GET", "/api/v1/schema/Events?explain=true");
  EXPECT_EQ(explained.status, 200) << explained.body;
  EXPECT_NE(explained.body.find(R"(\"table\":\"Events\")"), std::string::npos) << explained.body;
}

TEST_F(ServerTest, ExplainSendsNothingAndReturnsTheNativeQuery) {
  auto reply = call("POST", "/api/v1/logs", R"({"service":"a","explain":true})");
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto document = parse(reply.body);
  ASSERT_TRUE(document.HasMember("explain"));
  EXPECT_TRUE(document["explain"]["native"].IsString());
}

TEST_F(ServerTest, Auth) {
  const std::string body = R"({"service":"a"})";
  auto none = call("POST", "/api/v1/logs", body, "");
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(error_code(none), "unauthenticated");
  auto wrong = call("POST", "/api/v1/logs", body, "not-a-key");
  EXPECT_EQ(wrong.status, 401);
  auto no_role = call("POST", "/api/v1/logs", body, kNoRoleKey);
  EXPECT_EQ(no_role.status, 403);
  EXPECT_EQ(error_code(no_role), "forbidden");
  auto viewer_native = call("POST", "/api/v1/query", R"({"native":"x"})", kViewerKey);
  EXPECT_EQ(viewer_native.status, 403) << "native queries need oncall";
  auto good = call("POST", "/api/v1/logs", body, kViewerKey);
  EXPECT_EQ(good.status, 200);
}

TEST_F(ServerTest, NdjsonStreamsOneRecordPerLineThenTheEnd) {
  auto reply = call("POST", "/api/v1/logs", R"({"service":"a"})", kViewerKey, "application/x-ndjson");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.headers["content-type"], "application/x-ndjson");
  EXPECT_EQ(reply.headers["transfer-encoding"], "chunked") << "records stream as they arrive";
  const auto lines = lines_of(reply.body);
  ASSERT_EQ(lines.size(), 101u) << "100 records and the end line";
  for (std::size_t i = 0; i < 100; ++i) EXPECT_STREQ(parse(lines[i])["type"].GetString(), "log") << i;
  auto end = parse(lines.back());
  EXPECT_STREQ(end["type"].GetString(), "end");
  EXPECT_EQ(end["stats"]["delivered"].GetInt64(), 100);
}

TEST_F(ServerTest, AJsonAnswerPastAMebibyteArrivesInChunksAndReadsWhole) {
  stop_server();
  mock_records_ = 20000;  // some 5 MB of JSON
  start_server({});
  auto reply = call("POST", "/api/v1/logs", R"({"service":"a","limit":20000})");
  ASSERT_EQ(reply.status, 200) << reply.body.substr(0, 300);
  EXPECT_EQ(reply.headers["content-type"], "application/json");
  EXPECT_EQ(reply.headers["transfer-encoding"], "chunked") << "a big JSON answer was built whole";
  auto document = parse(reply.body);
  ASSERT_TRUE(document.IsObject());
  EXPECT_EQ(document["records"].Size(), 20000u);
  EXPECT_EQ(document["stats"]["delivered"].GetInt64(), 20000);
  EXPECT_FALSE(document.HasMember("error"));

  // A small answer keeps its length.
  auto small = call("POST", "/api/v1/logs", R"({"service":"a","limit":10})");
  ASSERT_EQ(small.status, 200) << small.body;
  EXPECT_EQ(small.headers["content-length"], std::to_string(small.body.size()));
  EXPECT_EQ(parse(small.body)["records"].Size(), 10u);
}

TEST_F(ServerTest, ErrorsMapToStatuses) {
  struct Case {
    const char* service;
    int status;
    const char* code;
  };
  for (auto [service, status, code] :
       {Case{"fail-throttled", 429, "throttled"}, Case{"fail-timeout", 504, "timeout"},
        Case{"fail-upstream_unavailable", 502, "upstream_unavailable"},
        Case{"fail-not_found", 404, "not_found"}, Case{"throw", 500, "internal"}}) {
    auto reply = call("POST", "/api/v1/logs", std::string(R"({"service":")") + service + "\"}");
    EXPECT_EQ(reply.status, status) << service << ": " << reply.body;
    EXPECT_EQ(error_code(reply), code) << service;
    if (status == 429) {
      EXPECT_EQ(reply.headers["retry-after"], "2") << "the backend's 1.5 s, rounded up";
    }
  }
}

TEST_F(ServerTest, MalformedJsonAndUnknownRoute) {
  auto malformed = call("POST", "/api/v1/logs", R"({"service": )");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(error_code(malformed), "invalid_query");
  auto unknown = call("GET", "/api/v1/nothing");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(error_code(unknown), "not_found");
}

TEST_F(ServerTest, BodyOverOneMebibyteIs413) {
  const std::string big = R"({"service":")" + std::string(2 << 20, 'x') + "\"}";
  auto reply = call("POST", "/api/v1/logs", big);
  EXPECT_EQ(reply.status, 413);
  auto after = call("GET", "/healthz", "", "");
  EXPECT_EQ(after.status, 200) << "the server goes on serving";
}

TEST_F(ServerTest, PrometheusMetricsCountRequests) {
  call("POST", "/api/v1/logs", R"({"service":"a"})");
  call("POST", "/api/v1/logs", R"({"service":"fail-timeout"})");
  auto reply = call("GET", "/metrics");
  ASSERT_EQ(reply.status, 200);
  EXPECT_NE(reply.body.find(R"(tinkr_http_requests_total{route="/api/v1/logs",status="200"} 1)"),
            std::string::npos)
      << reply.body;
  EXPECT_NE(reply.body.find(R"(tinkr_upstream_errors_total{backend="mock",code="timeout"} 1)"),
            std::string::npos)
      << reply.body;
  EXPECT_NE(reply.body.find("tinkr_http_request_duration_seconds_bucket"), std::string::npos);
}

TEST_F(ServerTest, AccessLogHasOneJsonLinePerRequestWithoutKeys) {
  call("POST", "/api/v1/logs", R"({"service":"a"})");
  call("GET", "/healthz?token=secret-in-query", "", "");
  stop_server();
  const auto lines = lines_of(access_log_.str());
  ASSERT_EQ(lines.size(), 2u) << access_log_.str();
  // A line is written when its request completes, so the quick /healthz may come first.
  auto logs_line = parse(lines[0]);
  if (std::string_view(logs_line["route"].GetString()) != "/api/v1/logs") logs_line = parse(lines[1]);
  EXPECT_STREQ(logs_line["route"].GetString(), "/api/v1/logs");
  EXPECT_STREQ(logs_line["subject"].GetString(), "vera");
  EXPECT_EQ(logs_line["status"].GetInt(), 200);
  EXPECT_EQ(access_log_.str().find(kViewerKey), std::string::npos) << "keys never reach the log";
  EXPECT_EQ(access_log_.str().find("secret-in-query"), std::string::npos) << "query strings are not logged";
}

TEST_F(ServerTest, HeaderTimeoutClosesASilentConnection) {
  stop_server();
  config::ServerSettings settings;
  settings.header_timeout_ms = 200;
  start_server(settings);
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket socket(io);
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), port_});
  char byte;
  boost::system::error_code ec;
  boost::asio::read(socket, boost::asio::buffer(&byte, 1), ec);  // blocks until the server gives up on us
  EXPECT_TRUE(ec == boost::asio::error::eof || ec == boost::asio::error::connection_reset) << ec.message();
}

TEST_F(ServerTest, ConcurrencyLimitAnswers503WithRetryAfter) {
  stop_server();
  config::ServerSettings settings;
  settings.max_concurrent_queries = 1;
  start_server(settings);
  auto slow = std::async(std::launch::async,
                         [this] { return call("POST", "/api/v1/logs", R"({"service":"stall-1500"})"); });
  spin_until_in_flight(*server_, 1);
  auto refused = call("POST", "/api/v1/logs", R"({"service":"a"})");
  EXPECT_EQ(refused.status, 503);
  EXPECT_EQ(refused.headers["retry-after"], "1");
  EXPECT_EQ(slow.get().status, 200) << "the query in flight is unaffected";
  EXPECT_EQ(call("GET", "/healthz", "", "").status, 200) << "routes without a plugin call are not limited";
}

TEST_F(ServerTest, GracefulShutdownFinishesTheQueryInFlight) {
  auto slow = std::async(std::launch::async,
                         [this] { return call("POST", "/api/v1/logs", R"({"service":"stall-800"})"); });
  spin_until_in_flight(*server_, 1);
  server_->shutdown();
  const auto reply = slow.get();
  EXPECT_EQ(reply.status, 200) << "the request in flight finishes";
  EXPECT_EQ(parse(reply.body)["records"].Size(), 100u);
  server_->wait();
  host::HttpCall late;
  late.target = "/healthz";
  auto refused = host::http_call(endpoint(), late);
  EXPECT_FALSE(refused) << "a stopped server accepts nothing";
  server_.reset();
}

}  // namespace
}  // namespace tinkr::testing
