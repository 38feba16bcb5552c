// Faults through the whole stack (engine, plugin, HTTPS client, fake Azure): throttling retried,
// outages reported after the retries, partial results kept with a warning, Azure's errors mapped to
// precise codes, and a held answer cut by the query's timeout.
#include "fixture.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <chrono>
#include <fstream>
#include <sstream>

namespace tinkr::azure_e2e {
namespace {

using std::chrono::steady_clock;

/// One AppTraces row, the answer every log query below gets unless a fault comes first.
std::optional<FakeResponse> one_trace(std::string_view) {
  return FakeResponse::json(
      200, log_analytics_answer({{"TimeGenerated", "datetime"},
                                 {"Message", "string"},
                                 {"SeverityLevel", "int"},
                                 {"Properties", "dynamic"}},
                                {{js("2026-11-25T10:00:00Z"), js("payment accepted"), "1", js("{}")}}));
}

class AzureFaults : public AzureEndToEnd {
 protected:
  ir::Query logs_query() const {
    QuerySpec spec;
    spec.signal = ir::Signal::logs;
    spec.service = "payments-api";
    spec.since = "1h";
    return build(spec);
  }
};

TEST_F(AzureFaults, A429WithRetryAfterZeroIsRetriedAndTheRecordsReturned) {
  fake_.push_response(Route::log_analytics_query, FakeResponse::throttled("0"));
  fake_.on_query(one_trace);
  auto result = engine_->collect(logs_query());
  ASSERT_TRUE(result) << result.error().message();
  auto requests = log_analytics_requests();
  ASSERT_EQ(requests.size(), 2u) << "the throttled request and its retry";
  EXPECT_EQ(requests[0].body, requests[1].body) << "the retry sends the same query";
  ASSERT_EQ(records_of<LogRecord>(result->records).size(), 1u);
  EXPECT_EQ(records_of<LogRecord>(result->records)[0].body, "payment accepted");
  EXPECT_TRUE(result->stats.warnings.empty());
  expect_tokens_only_where_they_belong();
}

TEST_F(AzureFaults, A503ThatOutlastsTheRetriesIsUpstreamUnavailable) {
  fake_.on_request([](const RecordedRequest& request) -> std::optional<FakeResponse> {
    if (request.route != Route::log_analytics_query) return std::nullopt;
    return FakeResponse::server_error(503);
  });
  auto result = engine_->collect(logs_query());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Error::Code::upstream_unavailable) << result.error().to_string();
  EXPECT_NE(result.error().message().find("answered HTTP 503"), std::string::npos)
      << result.error().message();
  EXPECT_NE(result.error().message().find("injected HTTP 503"), std::string::npos)
      << "Azure's own message is passed on: " << result.error().message();
  EXPECT_EQ(result.error().message().find("Bearer"), std::string::npos) << result.error().message();
  EXPECT_EQ(log_analytics_requests().size(), 4u) << "the first request and the HTTPS client's 3 retries";
}

TEST_F(AzureFaults, APartialResultKeepsTheRowsAndWarnsWithAzuresReason) {
  fake_.push_response(Route::log_analytics_query,
                      FakeResponse::from_vector(200, "log-analytics/query.partial-error.response.json"));
  ir::Query native;
  native.signal = ir::Signal::native;
  native.native_text = "AppRequests | summarize percentile(DurationMs, 50)";
  native.time = logs_query().time;
  auto result = engine_->collect(native);
  ASSERT_TRUE(result) << result.error().message();
  ASSERT_EQ(result->tables.size(), 1u);
  ASSERT_EQ(result->tables[0].columns.size(), 1u);
  EXPECT_EQ(result->tables[0].columns[0].name, "percentile_x_50");
  ASSERT_EQ(result->tables[0].rows.size(), 1u);
  EXPECT_EQ(result->tables[0].rows[0][0], "2");
  ASSERT_EQ(result->stats.warnings.size(), 1u);
  EXPECT_NE(result->stats.warnings[0].find("Percentiles aggregator has encountered an overflow"),
            std::string::npos)
      << result->stats.warnings[0];
  ASSERT_EQ(log_analytics_requests().size(), 1u);
  EXPECT_EQ(sent_query(log_analytics_requests()[0]).kql, native.native_text) << "native KQL is sent as is";
}

/// The "error" object of Azure's partial-result vector, as JSON text.
std::string partial_error_object() {
  std::ifstream in(std::string(TINKR_VECTORS_DIR) + "/azure/log-analytics/query.partial-error.response.json");
  std::stringstream text;
  text << in.rdbuf();
  rapidjson::Document vector;
  vector.Parse(text.str().c_str());
  if (vector.HasParseError() || !vector.IsObject() || !vector.HasMember("error")) return "null";
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  vector["error"].Accept(writer);
  return buffer.GetString();
}

TEST_F(AzureFaults, APartialLogAnswerDeliversItsRecordsAndAWarning) {
  std::string answer = one_trace("")->body;
  answer.insert(answer.size() - 1, R"(,"error":)" + partial_error_object());
  fake_.push_response(Route::log_analytics_query, FakeResponse::json(200, answer));
  auto result = engine_->collect(logs_query());
  ASSERT_TRUE(result) << result.error().message();
  auto logs = records_of<LogRecord>(result->records);
  ASSERT_EQ(logs.size(), 1u);
  EXPECT_EQ(logs[0].body, "payment accepted");
  ASSERT_EQ(result->stats.warnings.size(), 1u);
  EXPECT_NE(result->stats.warnings[0].find("Percentiles aggregator has encountered an overflow"),
            std::string::npos)
      << result->stats.warnings[0];
}

TEST_F(AzureFaults, ASemanticErrorIsAnInvalidQueryNamingTheColumn) {
  fake_.push_response(Route::log_analytics_query,
                      FakeResponse::from_vector(400, "log-analytics/error.400.semantic-unknown-column.json"));
  auto result = engine_->collect(logs_query());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Error::Code::invalid_query) << result.error().to_string();
  EXPECT_NE(result.error().message().find("Failed to resolve scalar expression named 'SeverityLevl'"),
            std::string::npos)
      << result.error().message();
  EXPECT_EQ(log_analytics_requests().size(), 1u) << "a 400 is not retried";
}

TEST_F(AzureFaults, A403IsForbidden) {
  fake_.push_response(Route::log_analytics_query, FakeResponse::forbidden());
  auto result = engine_->collect(logs_query());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Error::Code::forbidden) << result.error().to_string();
  EXPECT_NE(result.error().message().find("403"), std::string::npos) << result.error().message();
  EXPECT_EQ(log_analytics_requests().size(), 1u) << "a 403 is not retried";
}

TEST_F(AzureFaults, AHeldAnswerPastTheQueryTimeoutIsATimeoutPromptly) {
  fake_.push_response(Route::log_analytics_query, FakeResponse::held());
  RunOptions options;
  options.timeout = std::chrono::milliseconds(300);
  const auto start = steady_clock::now();
  auto result = engine_->collect(logs_query(), options);
  const auto elapsed = steady_clock::now() - start;
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Error::Code::timeout) << result.error().to_string();
  EXPECT_LT(elapsed, std::chrono::seconds(3)) << "the 300 ms deadline ends the request, not a server timeout";
  EXPECT_GE(elapsed, std::chrono::milliseconds(250));
  EXPECT_EQ(log_analytics_requests().size(), 1u);
  fake_.release_held();
}

}  // namespace
}  // namespace tinkr::azure_e2e
