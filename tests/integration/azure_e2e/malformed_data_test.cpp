// Malformed upstream data is an error, not an empty value (issue 13.14): a Log Analytics cell that does
// not fit its column's declared type, and a metrics answer whose entries are not metrics, each fail the
// query with upstream_unavailable naming where the bad value is. Before, they became records with an
// empty time and body (exit 0) or "no records matched".
#include "fixture.hpp"

namespace tinkr::azure_e2e {
namespace {

using AzureMalformedData = AzureEndToEnd;

const std::vector<KustoColumn> kTimeAndMessage = {{"TimeGenerated", "datetime"}, {"Message", "string"}};

// A logs query of the last hour, answered with `answer`.
auto logs_answered_with(Engine& engine, FakeAzure& fake, std::string answer) {
  fake.on_query(
      [answer](std::string_view) -> std::optional<FakeResponse> { return FakeResponse::json(200, answer); });
  QuerySpec spec;
  spec.signal = ir::Signal::logs;
  spec.service = "payments-api";
  spec.since = "1h";
  auto query = engine.build(spec);
  EXPECT_TRUE(query) << query.error().message();
  return engine.collect(*query);
}

struct MalformedCell {
  std::vector<std::string> row;
  std::string expected;  // what the error must say
};

class AzureMalformedCell : public AzureEndToEnd, public ::testing::WithParamInterface<MalformedCell> {};

TEST_P(AzureMalformedCell, FailsNamingTheColumnAndTheRow) {
  const std::string answer = log_analytics_answer(
      kTimeAndMessage, {{js("2026-11-25T10:59:00Z"), js("a good row first")}, GetParam().row});
  auto result = logs_answered_with(*engine_, fake_, answer);
  ASSERT_FALSE(result) << "a malformed row must not become a record with an empty value";
  EXPECT_EQ(result.error().code(), Error::Code::upstream_unavailable);
  const std::string& message = result.error().message();
  EXPECT_NE(message.find("row 1"), std::string::npos) << message;
  EXPECT_NE(message.find(GetParam().expected), std::string::npos) << message;
}

INSTANTIATE_TEST_SUITE_P(
    Cells, AzureMalformedCell,
    ::testing::Values(MalformedCell{{js("not-a-date"), js("ok")},
                                    "column 'TimeGenerated' (datetime) holds the string \"not-a-date\""},
                      MalformedCell{{"12", R"({"x":1})"},
                                    "column 'TimeGenerated' (datetime) holds the number 12"},
                      MalformedCell{{js("2026-11-25T10:59:00Z"), R"({"x":1})"},
                                    "column 'Message' (string) holds an object or array"},
                      MalformedCell{{js("2026-11-25T10:59:00Z"), "true"},
                                    "column 'Message' (string) holds the bool true"}));

TEST_F(AzureMalformedData, CellsThatFitTheirColumnsInEitherEncodingStillDecode) {
  const std::vector<KustoColumn> columns = {{"TimeGenerated", "datetime"},
                                            {"Message", "string"},
                                            {"SeverityLevel", "int"},
                                            {"Properties", "dynamic"}};
  const std::string answer =
      log_analytics_answer(columns, {{js("2026-11-25T10:59:00Z"), js("live encoding"), "2", R"({"k":1})"},
                                     {js("2026-11-25T10:58:00Z"), js("spec encoding"), js("3"), js("{}")},
                                     {js("2026-11-25T10:57:00Z"), "null", "null", "null"}});
  auto result = logs_answered_with(*engine_, fake_, answer);
  ASSERT_TRUE(result) << result.error().message();
  EXPECT_EQ(records_of<LogRecord>(result->records).size(), 3u);
}

class AzureMalformedMetrics : public AzureEndToEnd,
                              public ::testing::WithParamInterface<std::pair<std::string, std::string>> {};

TEST_P(AzureMalformedMetrics, FailsNamingTheEntry) {
  const std::string body = GetParam().first;
  fake_.on_request([body](const RecordedRequest& request) -> std::optional<FakeResponse> {
    if (request.route != Route::metrics) return std::nullopt;
    return FakeResponse::json(200, body);
  });
  auto result = engine_->collect(build(shop_web_requests_spec()));
  ASSERT_FALSE(result) << "a malformed metrics answer is not \"no records matched\"";
  EXPECT_EQ(result.error().code(), Error::Code::upstream_unavailable);
  EXPECT_NE(result.error().message().find(GetParam().second), std::string::npos) << result.error().message();
}

INSTANTIATE_TEST_SUITE_P(
    Answers, AzureMalformedMetrics,
    ::testing::Values(
        std::pair<std::string, std::string>{R"({"value":[{"name":5},null,3]})",
                                            "value[0].name is not {\"value\": <name>}"},
        std::pair<std::string, std::string>{R"({"value":[null]})", "value[0] is not an object"},
        std::pair<std::string, std::string>{
            R"({"value":[{"name":{"value":"Requests"},"timeseries":{"data":[]}}]})",
            "value[0].timeseries is not an array"},
        std::pair<std::string, std::string>{
            R"({"value":[{"name":{"value":"Requests"},"timeseries":[{"data":[{"timeStamp":"yesterday","total":1}]}]}]})",
            "value[0].timeseries[0].data[0].timeStamp is missing or not an ISO 8601 time"},
        std::pair<std::string, std::string>{
            R"({"value":[{"name":{"value":"Requests"},"timeseries":[{"data":[{"timeStamp":"2026-11-25T10:00:00Z","total":"many"}]}]}]})",
            "value[0].timeseries[0].data[0].total is not a number"},
        std::pair<std::string, std::string>{
            R"({"value":[{"name":{"value":"Requests"},"timeseries":[{"metadatavalues":[5],"data":[]}]}]})",
            "value[0].timeseries[0].metadatavalues[0] is not an object"}));

}  // namespace
}  // namespace tinkr::azure_e2e
