// The page's logs question end to end: query text -> IR -> the KQL and timespan Log Analytics gets,
// and an AppTraces answer -> log records; a regex the core re-checks drops what Azure would not.
#include "fixture.hpp"

#include <re2/re2.h>

#include <algorithm>

namespace tinkr::azure_e2e {
namespace {

const std::vector<KustoColumn> kAppTracesColumns = {{"TimeGenerated", "datetime"},
                                                    {"Message", "string"},
                                                    {"SeverityLevel", "int"},
                                                    {"Properties", "dynamic"}};

std::vector<std::string> app_traces_row(const std::string& time, const std::string& message,
                                        int severity_level, const std::string& properties_json) {
  return {js(time), js(message), std::to_string(severity_level), js(properties_json)};
}

std::string answer_with_rows(const std::vector<std::vector<std::string>>& rows) {
  return log_analytics_answer(kAppTracesColumns, rows);
}

using AzureLogs = AzureEndToEnd;

TEST_F(AzureLogs, ThePagesQuestionSendsThePagesKqlAndDecodesAppTraces) {
  QuerySpec spec;
  spec.signal = ir::Signal::logs;
  spec.service = "payments-api";
  spec.text = "severity>=warn";
  spec.since = "1h";
  spec.limit = 100;
  const ir::Query query = build(spec);
  EXPECT_EQ(query.time.to_ns - query.time.from_ns, 3'600'000'000'000LL);

  fake_.on_query([](std::string_view kql) -> std::optional<FakeResponse> {
    if (kql.rfind("AppTraces ", 0) != 0) return std::nullopt;
    return FakeResponse::json(
        200,
        answer_with_rows({app_traces_row("2026-11-25T10:59:30.1234567Z", "card declined: insufficient funds",
                                         2, R"({"order_id":"o-17","retry":"1"})"),
                          app_traces_row("2026-11-25T10:58:00Z", "ledger write failed", 3, "{}")}));
  });
  auto result = engine_->collect(query);
  ASSERT_TRUE(result) << result.error().message();

  auto requests = log_analytics_requests();
  ASSERT_EQ(requests.size(), 1u);
  const SentQuery sent = sent_query(requests[0]);
  static const RE2 page_shape(
      R"(AppTraces \| where TimeGenerated between \(datetime\((\S+)\) \.\. datetime\((\S+)\)\))"
      R"( \| where AppRoleName == "payments-api" \| where SeverityLevel >= 2)"
      R"( \| project TimeGenerated, Message, SeverityLevel, Properties \| order by TimeGenerated desc \| take (\d+))");
  std::string from, to, take;
  ASSERT_TRUE(RE2::FullMatch(sent.kql, page_shape, &from, &to, &take)) << sent.kql;
  EXPECT_EQ(sent.timespan, from + "/" + to) << "the KQL and timespan select one range";
  // severity >= is exact on AppTraces' integer SeverityLevel (exact_field_operators), so the page's
  // "take 100" is pushed as is.
  EXPECT_EQ(take, "100");
  EXPECT_EQ(parse_utc_ns(from), query.time.from_ns / 100 * 100);
  EXPECT_EQ(parse_utc_ns(to), query.time.to_ns / 100 * 100);
  expect_tokens_only_where_they_belong();
  EXPECT_EQ(fake_.token_requests("https://api.loganalytics.io"), 1u);

  auto logs = records_of<LogRecord>(result->records);
  ASSERT_EQ(logs.size(), 2u);
  EXPECT_EQ(logs[0].time_ns, utc_ns(2026, 11, 25, 10, 59, 30, 123'456'700));
  EXPECT_EQ(logs[0].severity_number, 13) << "SeverityLevel 2 (Warning) is OpenTelemetry WARN";
  EXPECT_EQ(logs[0].body, "card declined: insufficient funds");
  EXPECT_EQ(logs[0].service, "payments-api") << "the service the query fixed";
  EXPECT_EQ(logs[0].attributes_json, R"({"order_id":"o-17","retry":"1"})");
  EXPECT_EQ(logs[0].item_count, 1);
  EXPECT_EQ(logs[1].time_ns, utc_ns(2026, 11, 25, 10, 58, 0));
  EXPECT_EQ(logs[1].severity_number, 17) << "SeverityLevel 3 (Error) is OpenTelemetry ERROR";
  EXPECT_EQ(logs[1].body, "ledger write failed");
  EXPECT_EQ(result->stats.received, 2);
  EXPECT_EQ(result->stats.delivered, 2);
  EXPECT_FALSE(result->stats.truncated);
  EXPECT_TRUE(result->stats.warnings.empty());
}

TEST_F(AzureLogs, ARegexIsReCheckedInCoreAndWhatDoesNotMatchIsDropped) {
  QuerySpec spec;
  spec.signal = ir::Signal::logs;
  spec.service = "payments-api";
  spec.text = "message:/time(d )?out/";
  spec.since = "1h";
  const ir::Query query = build(spec);

  auto explanation = engine_->explain(query);
  ASSERT_TRUE(explanation) << explanation.error().message();
  EXPECT_NE(explanation->native.find(R"(| where Message matches regex "time(d )?out")"), std::string::npos)
      << explanation->native;
  EXPECT_NE(explanation->residual_json.find("matches"), std::string::npos) << explanation->residual_json;
  EXPECT_NE(explanation->residual_json.find("time(d )?out"), std::string::npos) << explanation->residual_json;
  EXPECT_TRUE(fake_.requests().empty()) << "explain sends nothing";

  // Azure's regex dialect answered more than the query's ECMAScript, case-sensitive regex allows.
  fake_.on_query([](std::string_view) -> std::optional<FakeResponse> {
    return FakeResponse::json(
        200,
        answer_with_rows({app_traces_row("2026-11-25T10:59:00Z", "upstream timed out after 30s", 3, "{}"),
                          app_traces_row("2026-11-25T10:58:00Z", "TIMEOUT talking to ledger", 3, "{}"),
                          app_traces_row("2026-11-25T10:57:00Z", "read timeout", 2, "{}")}));
  });
  auto result = engine_->collect(query);
  ASSERT_TRUE(result) << result.error().message();
  ASSERT_EQ(log_analytics_requests().size(), 1u);
  EXPECT_EQ(sent_query(log_analytics_requests()[0]).kql, explanation->native) << "explain shows what is sent";
  auto logs = records_of<LogRecord>(result->records);
  ASSERT_EQ(logs.size(), 2u);
  EXPECT_EQ(logs[0].body, "upstream timed out after 30s");
  EXPECT_EQ(logs[1].body, "read timeout");
  EXPECT_TRUE(result->stats.residual);
  EXPECT_EQ(result->stats.received, 3);
  EXPECT_EQ(result->stats.delivered, 2);
  expect_tokens_only_where_they_belong();
}

TEST_F(AzureLogs, TheCoreCutsAnOverFetchedAnswerToTheLimit) {
  QuerySpec spec;
  spec.signal = ir::Signal::logs;
  spec.service = "payments-api";
  spec.text = "severity>=warn";
  spec.since = "1h";
  spec.limit = 2;
  fake_.on_query([](std::string_view) -> std::optional<FakeResponse> {
    return FakeResponse::json(200,
                              answer_with_rows({app_traces_row("2026-11-25T10:59:00Z", "first", 2, "{}"),
                                                app_traces_row("2026-11-25T10:58:00Z", "second", 3, "{}"),
                                                app_traces_row("2026-11-25T10:57:00Z", "third", 4, "{}")}));
  });
  auto result = engine_->collect(build(spec));
  ASSERT_TRUE(result) << result.error().message();
  auto logs = records_of<LogRecord>(result->records);
  ASSERT_EQ(logs.size(), 2u);
  EXPECT_EQ(logs[0].body, "first");
  EXPECT_EQ(logs[1].body, "second");
  EXPECT_TRUE(result->stats.truncated);
  EXPECT_EQ(result->stats.delivered, 2);
}

}  // namespace
}  // namespace tinkr::azure_e2e
