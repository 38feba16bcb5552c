// The tinkr binary against the fake Azure: a native query's cells keep their types in json, ndjson
// and csv, a partial or cut answer is marked in the output and in the exit code, and --stats and
// --no-cache say what a query cost and ask for fresh data without making the answer look partial.
#include "cli_fixture.hpp"
#include "query_statistics.hpp"

#include "common/http_client.hpp"

#include <csignal>

#include <rapidjson/document.h>

namespace tinkr::azure_e2e {
namespace {

rapidjson::Document parse(const std::string& text) {
  rapidjson::Document document;
  document.Parse(text.c_str());
  EXPECT_FALSE(document.HasParseError()) << text;
  return document;
}

// query.all-types.response.json: every Log Analytics type, each its own JSON value.
TEST_F(AzureCli, NativeJsonKeepsEveryColumnsType) {
  fake_.push_response(Route::log_analytics_query,
                      FakeResponse::from_vector(200, "log-analytics/query.all-types.response.json"));
  auto run = tinkr({"-o", "json", "query", "--native", "print 1"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto document = parse(run.out);
  ASSERT_TRUE(document.IsArray() && document.Size() == 1u) << run.out;
  const auto& row = document[0]["rows"][0];
  ASSERT_EQ(row.Size(), 11u) << run.out;
  EXPECT_STREQ(row[0].GetString(), "2015-12-31T23:59:59.9Z") << "datetime: RFC 3339";
  EXPECT_TRUE(row[1].IsBool() && !row[1].GetBool()) << "bool";
  EXPECT_STREQ(row[2].GetString(), "74be27de-1e4e-49d9-b579-fe0b331d3642") << "guid";
  EXPECT_TRUE(row[3].IsInt() && row[3].GetInt() == 12345) << "int";
  EXPECT_TRUE(row[4].IsInt64() && row[4].GetInt64() == 1234567890123) << "long";
  EXPECT_TRUE(row[5].IsDouble() && row[5].GetDouble() == 12345.6789) << "real";
  EXPECT_STREQ(row[7].GetString(), "00:00:10") << "timespan";
  EXPECT_STREQ(row[8].GetString(), "0.10101") << "decimal: a string, every digit kept";
  EXPECT_TRUE(row[9].IsNull()) << "null";
  ASSERT_TRUE(row[10].IsObject()) << "dynamic: the JSON value it holds";
  EXPECT_EQ(row[10]["a"].GetInt(), 123);
  EXPECT_EQ(row[10]["c"].Size(), 3u);
}

TEST_F(AzureCli, NativeNdjsonIsOneObjectPerRowAndCsvLeavesNumbersUnquoted) {
  fake_.push_response(Route::log_analytics_query,
                      FakeResponse::from_vector(200, "log-analytics/query.all-types.response.json"));
  auto ndjson = tinkr({"-o", "ndjson", "query", "--native", "print 1"});
  ASSERT_EQ(ndjson.exit_code, 0) << ndjson.err;
  auto row = parse(ndjson.out);
  ASSERT_TRUE(row.IsObject()) << ndjson.out;
  EXPECT_TRUE(row["Long"].IsInt64());
  EXPECT_TRUE(row["Bool"].IsBool());
  EXPECT_TRUE(row["Dynamic"].IsObject());

  fake_.push_response(Route::log_analytics_query,
                      FakeResponse::from_vector(200, "log-analytics/query.all-types.response.json"));
  auto csv = tinkr({"-o", "csv", "query", "--native", "print 1"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_NE(csv.out.find(",false,74be27de-1e4e-49d9-b579-fe0b331d3642,12345,1234567890123,12345.6789,"),
            std::string::npos)
      << csv.out;
}

// A 200 with a partial-result error: the rows, then a warning record; exit code 13.
TEST_F(AzureCli, APartialAnswerIsMarkedInTheOutputAndTheExitCode) {
  fake_.push_response(Route::log_analytics_query,
                      FakeResponse::from_vector(200, "log-analytics/query.partial-error.response.json"));
  auto run = tinkr({"-o", "ndjson", "query", "--native", "AppRequests"});
  EXPECT_EQ(run.exit_code, 13) << run.err;
  const std::string last = run.out.substr(run.out.rfind('\n', run.out.size() - 2) + 1);
  auto marker = parse(last);
  ASSERT_TRUE(marker.IsObject()) << run.out;
  EXPECT_STREQ(marker["type"].GetString(), "warning") << run.out;
  EXPECT_NE(std::string(marker["message"].GetString()).find("overflow"), std::string::npos) << last;
}

// A body cut mid-answer: the rows that came, then an error record marked partial; exit code 13.
TEST_F(AzureCli, ABodyCutMidAnswerEndsTheJsonWithAPartialError) {
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < 50; ++i) rows.push_back({std::to_string(i), js("row-" + std::to_string(i))});
  fake_.push_response(Route::log_analytics_query,
                      FakeResponse::truncated(FakeResponse::json(
                          200, log_analytics_answer({{"n", "long"}, {"text", "string"}}, rows))));
  auto run = tinkr({"-o", "json", "query", "--native", "AppRequests"});
  EXPECT_EQ(run.exit_code, 13) << run.err;
  auto document = parse(run.out);
  ASSERT_TRUE(document.IsArray() && document.Size() == 2u) << run.out;
  const auto& table_rows = document[0]["rows"];
  EXPECT_GT(table_rows.Size(), 0u);
  EXPECT_LT(table_rows.Size(), 50u);
  EXPECT_TRUE(table_rows[0][0].IsInt64()) << run.out;
  EXPECT_STREQ(document[1]["type"].GetString(), "error");
  EXPECT_TRUE(document[1]["partial"].GetBool());
  EXPECT_STREQ(document[1]["error"]["code"].GetString(), "upstream_unavailable");
}

// An empty answer for a service: a misspelt name exits 5 ("not found") and says so; a service that
// wrote nothing in the window but is known exits 0 with "no records matched".
TEST_F(AzureCli, AnUnknownServiceExitsNotFoundAndAQuietOneExitsZero) {
  const std::string empty =
      R"({"tables":[{"name":"PrimaryResult","columns":[{"name":"TimeGenerated","type":"datetime"}],"rows":[]}]})";
  const std::string seen =
      R"({"tables":[{"name":"PrimaryResult","columns":[{"name":"TimeGenerated","type":"datetime"}],)"
      R"("rows":[["2026-11-20T10:00:00Z"]]}]})";
  fake_.on_query([&](std::string_view kql) -> std::optional<FakeResponse> {
    const bool check = kql.find("| take 1 | project TimeGenerated") != std::string_view::npos;
    const bool known = kql.find("\"payments-api\"") != std::string_view::npos;
    return FakeResponse::json(200, check && known ? seen : empty);
  });
  auto unknown = tinkr({"logs", "paymnts-api", "--since", "1h"});
  EXPECT_EQ(unknown.exit_code, 5) << unknown.err;
  EXPECT_NE(unknown.err.find("no service named 'paymnts-api' in AppTraces"), std::string::npos)
      << unknown.err;
  auto quiet = tinkr({"logs", "payments-api", "--since", "1h"});
  EXPECT_EQ(quiet.exit_code, 0) << quiet.err;
  EXPECT_NE(quiet.err.find("no records matched"), std::string::npos) << quiet.err << quiet.out;
  auto traces = tinkr({"traces", "paymnts-api", "--since", "1h"});
  EXPECT_EQ(traces.exit_code, 5) << traces.err;
  EXPECT_NE(traces.err.find("in AppRequests"), std::string::npos) << traces.err;
}

// Two AppTraces rows, as the logs KQL projects them.
FakeResponse two_log_rows() {
  return FakeResponse::json(
      200,
      log_analytics_answer(
          {{"TimeGenerated", "datetime"}, {"Message", "string"}, {"SeverityLevel", "int"}},
          {{js("2026-11-25T10:00:01Z"), js("first"), "1"}, {js("2026-11-25T10:00:00Z"), js("second"), "3"}}));
}

TEST_F(AzureCli, StatsSayWhatTheQueryCostAndAreNoPartialAnswer) {
  fake_.push_response(Route::log_analytics_query, two_log_rows());
  auto run = tinkr({"-o", "ndjson", "logs", "payments-api", "--since", "1h", "--stats"});
  EXPECT_EQ(run.exit_code, 0) << "statistics are not a partial answer: " << run.err;
  EXPECT_EQ(run.err.find("warning"), std::string::npos) << run.err;
  // The fake's statistics (query_statistics.hpp): 1,052,708 shard bytes, 4,200 rows scanned, 1.5 s CPU.
  EXPECT_NE(run.err.find("tinkr: stats: data scanned 1.1 MB (4,200 rows), CPU 1.50 s, 2 rows returned "
                         "(largest answer 0.0% of the 500,000-row cap), "),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find(" cap), 1 answer"), std::string::npos) << run.err;
  const auto requests = fake_.requests(Route::log_analytics_query);
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].header("Prefer"), "wait=180,include-statistics=true");
  EXPECT_EQ(requests[0].header("Cache-Control"), "") << "fresh data only when asked";

  fake_.push_response(Route::log_analytics_query, two_log_rows());
  auto plain = tinkr({"logs", "payments-api", "--since", "1h"});
  EXPECT_EQ(plain.err.find("stats"), std::string::npos) << "no statistics unless asked: " << plain.err;
  EXPECT_EQ(fake_.requests(Route::log_analytics_query).back().header("Prefer"), "wait=180");
}

// --stats on one trace, drawn as a span tree, and on metrics, which Azure Monitor Metrics answers
// without statistics: each says what it knows.
TEST_F(AzureCli, StatsWorkForOneTraceAndSayWhenTheBackendReportedNone) {
  fake_.push_response(
      Route::log_analytics_query,
      FakeResponse::json(
          200, log_analytics_answer(kTraceColumns,
                                    {{js("2026-11-25T10:00:00Z"), js("AppRequests"), js("req-1"), js(""),
                                      js(std::string(32, 'a')), js("POST /pay"), "15", "true", js("200"),
                                      js("payments-api"), "null", "null", "null", "null", js("{}")}})));
  auto trace = tinkr({"trace", std::string(32, 'a'), "--stats"});
  ASSERT_EQ(trace.exit_code, 0) << trace.err;
  EXPECT_NE(trace.out.find("POST /pay"), std::string::npos) << trace.out;
  EXPECT_NE(trace.err.find("tinkr: stats: data scanned 1.1 MB"), std::string::npos) << trace.err;
  EXPECT_EQ(fake_.requests(Route::log_analytics_query).back().header("Prefer"),
            "wait=180,include-statistics=true");

  fake_.on_request([](const RecordedRequest& request) -> std::optional<FakeResponse> {
    if (request.route != Route::metrics) return std::nullopt;
    return FakeResponse::json(
        200, R"({"cost":0,"interval":"PT1M","value":[{"type":"Microsoft.Insights/metrics",)"
             R"("name":{"value":"Requests","localizedValue":"Requests"},"unit":"Count","timeseries":[)"
             R"({"metadatavalues":[],"data":[{"timeStamp":"2026-11-25T10:00:00Z","total":4.0}]}],)"
             R"("errorCode":"Success"}],"namespace":"Microsoft.Web/sites","resourceregion":"westeurope"})");
  });
  auto metrics = tinkr({"-o", "json", "metrics", "shop-web", "Requests", "--since", "1h", "--stats"});
  EXPECT_EQ(metrics.exit_code, 0) << metrics.err;
  EXPECT_EQ(fake_.requests(Route::metrics).size(), 1u);
  EXPECT_NE(metrics.err.find("tinkr: stats: the backend reported no statistics"), std::string::npos)
      << "Metrics REST has none, and saying nothing would look like a forgotten flag: " << metrics.err;
}

#ifdef TINKR_SERVER_PATH
// The same statistics through tinkr-server: "stats": true in the request, the backend's statistics
// object as stats.cost in the answer, and nothing asked or said without it.
TEST_F(AzureCli, TheServersAnswerCarriesTheCostOnlyWhenAsked) {
  tinkr::testing::ChildProcess server(
      TINKR_SERVER_PATH,
      {"--config", write_config(), "--profile", "fake", "--no-auth", "--port", "0", "--quiet"}, env());
  const std::string line = server.read_line();
  const auto colon = line.rfind(':', line.find(" (backend"));
  ASSERT_NE(colon, std::string::npos) << line;
  const host::HttpEndpoint endpoint{"127.0.0.1", line.substr(colon + 1, line.find(' ', colon) - colon - 1),
                                    ""};
  auto post = [&](const std::string& extra) {
    fake_.push_response(Route::log_analytics_query, two_log_rows());
    host::HttpCall call;
    call.method = "POST";
    call.target = "/api/v1/logs";
    call.body = R"({"service":"payments-api","since":"1h")" + extra + "}";
    return host::http_call(endpoint, call);
  };

  auto asked = post(R"(,"stats":true)");
  ASSERT_TRUE(asked) << asked.error().message();
  ASSERT_EQ(asked->status, 200) << asked->body;
  auto answer = parse(asked->body);
  ASSERT_TRUE(answer.IsObject() && answer.HasMember("stats") && answer["stats"].HasMember("cost"))
      << asked->body;
  const auto& cost = answer["stats"]["cost"];
  ASSERT_TRUE(cost.IsObject()) << asked->body;
  EXPECT_NE(asked->body.find(std::to_string(fake_azure::kStatisticsScannedBytes)), std::string::npos)
      << "the fake's scanned bytes: " << asked->body;
  EXPECT_FALSE(answer["stats"]["partial"].GetBool()) << "statistics are not a partial answer";
  EXPECT_EQ(answer["records"].Size(), 2u);
  EXPECT_EQ(fake_.requests(Route::log_analytics_query).back().header("Prefer"),
            "wait=180,include-statistics=true");

  auto plain = post("");
  ASSERT_TRUE(plain) << plain.error().message();
  ASSERT_EQ(plain->status, 200) << plain->body;
  EXPECT_FALSE(parse(plain->body)["stats"].HasMember("cost")) << plain->body;
  EXPECT_EQ(fake_.requests(Route::log_analytics_query).back().header("Prefer"), "wait=180");
  server.signal(SIGTERM);
  EXPECT_EQ(server.wait(), 0);
}
#endif

TEST_F(AzureCli, NoCacheAsksForFreshDataAndACachedAnswerIsSaidToBeOne) {
  fake_.push_response(Route::log_analytics_query, two_log_rows());
  auto fresh = tinkr({"logs", "payments-api", "--since", "1h", "--no-cache"});
  EXPECT_EQ(fresh.exit_code, 0) << fresh.err;
  EXPECT_EQ(fake_.requests(Route::log_analytics_query).back().header("Cache-Control"), "no-cache");

  FakeResponse cached = two_log_rows();
  cached.headers.emplace_back("Age", "45");
  fake_.push_response(Route::log_analytics_query, cached);
  auto run = tinkr({"logs", "payments-api", "--since", "1h"});
  EXPECT_EQ(run.exit_code, 0) << "a cached answer is whole: " << run.err;
  EXPECT_NE(run.err.find("tinkr: note: the answer came from Log Analytics' cache (Age: 45 s)"),
            std::string::npos)
      << run.err;
}

}  // namespace
}  // namespace tinkr::azure_e2e
