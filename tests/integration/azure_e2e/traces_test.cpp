// Traces end to end: "failed or slow" searched in AppRequests, and one trace fetched from AppRequests,
// AppDependencies and AppExceptions and assembled into a span tree by the plugin.
#include "fixture.hpp"

#include "common/query_request.hpp"

#include <algorithm>

namespace tinkr::azure_e2e {
namespace {

constexpr const char* kTraceId = "4bf92f3577b34da6a3ce929d0e0e4736";

using AzureTraces = AzureEndToEnd;

TEST_F(AzureTraces, FailedOrSlowRequestsAreSearchedInAppRequests) {
  QuerySpec spec;
  spec.signal = ir::Signal::trace_search;
  spec.service = "payments-api";
  // `tinkr traces payments-api --failed --slow 1s --since 1h --limit 20`, as the CLI and the server fold
  // the two shortcuts.
  auto folded = host::fold_trace_filters("", "1s", true);
  ASSERT_TRUE(folded) << folded.error().message();
  spec.text = *folded;
  spec.since = "1h";
  spec.limit = 20;
  const ir::Query query = build(spec);

  fake_.on_query([](std::string_view kql) -> std::optional<FakeResponse> {
    if (kql.rfind("AppRequests ", 0) != 0) return std::nullopt;
    return FakeResponse::json(200, log_analytics_answer({{"OperationId", "string"},
                                                         {"Name", "string"},
                                                         {"DurationMs", "real"},
                                                         {"Success", "bool"},
                                                         {"ResultCode", "string"},
                                                         {"TimeGenerated", "datetime"}},
                                                        {
                                                            {js("trace-slow"), js("POST /pay"), "2500.5",
                                                             "true", js("200"), js("2026-11-25T10:40:00Z")},
                                                            {js("trace-failed"), js("POST /refund"), "12.25",
                                                             "false", js("500"), js("2026-11-25T10:41:00Z")},
                                                        }));
  });
  auto result = engine_->collect(query);
  ASSERT_TRUE(result) << result.error().message();

  auto requests = log_analytics_requests();
  ASSERT_EQ(requests.size(), 1u);
  const SentQuery sent = sent_query(requests[0]);
  EXPECT_EQ(sent.kql.rfind("AppRequests | where TimeGenerated between (datetime(", 0), 0u) << sent.kql;
  const std::string tail =
      " | where AppRoleName == \"payments-api\" | where Success == false or DurationMs > 1000"
      " | project OperationId, Name, DurationMs, Success, ResultCode, TimeGenerated"
      " | order by DurationMs desc | take "
      // status eq and duration > are exact in Azure's capabilities: nothing is left for the core, so
      // the 20 traces asked for are pushed as is.
      "20";
  ASSERT_GE(sent.kql.size(), tail.size());
  EXPECT_EQ(sent.kql.substr(sent.kql.size() - tail.size()), tail) << sent.kql;
  EXPECT_FALSE(sent.timespan.empty());
  expect_tokens_only_where_they_belong();

  auto summaries = records_of<TraceSummary>(result->records);
  ASSERT_EQ(summaries.size(), 2u);
  EXPECT_EQ(summaries[0].trace_id, "trace-slow");
  EXPECT_EQ(summaries[0].name, "POST /pay");
  EXPECT_EQ(summaries[0].service, "payments-api");
  EXPECT_EQ(summaries[0].duration_ns, 2'500'500'000);
  EXPECT_EQ(summaries[0].status, SpanStatus::ok);
  EXPECT_EQ(summaries[0].start_ns, utc_ns(2026, 11, 25, 10, 40, 0));
  EXPECT_EQ(summaries[1].trace_id, "trace-failed");
  EXPECT_EQ(summaries[1].status, SpanStatus::error);
  EXPECT_EQ(summaries[1].status_code, "500");
  EXPECT_EQ(summaries[1].duration_ns, 12'250'000);
  EXPECT_EQ(summaries[1].error_count, 1);
  EXPECT_FALSE(result->stats.residual);
  EXPECT_EQ(result->stats.received, 2);
}

struct TraceRow {
  std::string time, type, id, parent, name, duration, success, code, dependency_type, target, exception_type,
      message, properties;
};

std::vector<std::string> cells(const TraceRow& r) {
  auto text_or_null = [](const std::string& s) { return s.empty() ? std::string("null") : js(s); };
  return {js(r.time),
          js(r.type),
          js(r.id),
          js(r.parent),
          js(kTraceId),
          text_or_null(r.name),
          r.duration.empty() ? "null" : r.duration,
          r.success.empty() ? "null" : r.success,
          text_or_null(r.code),
          js("payments-api"),
          text_or_null(r.dependency_type),
          text_or_null(r.target),
          text_or_null(r.exception_type),
          text_or_null(r.message),
          js(r.properties.empty() ? "{}" : r.properties)};
}

TEST_F(AzureTraces, OneTraceBecomesASpanTreeWithExceptionEventsAndOrphans) {
  QuerySpec spec;
  spec.signal = ir::Signal::trace_get;
  spec.trace_id = kTraceId;
  spec.since = "1h";
  const ir::Query query = build(spec);

  const std::vector<TraceRow> rows = {
      {"2026-11-25T10:00:00Z", "AppRequests", "req-1", kTraceId, "POST /pay", "1500", "false", "500", "", "",
       "", "", R"({"http.route":"/pay"})"},
      {"2026-11-25T10:00:00.1Z", "AppDependencies", "dep-1", "req-1", "SELECT orders", "800", "false", "1205",
       "SQL", "shop-sql", "", "", ""},
      {"2026-11-25T10:00:00.2Z", "AppDependencies", "dep-lost", "span-not-in-trace", "GET ledger", "20",
       "true", "200", "HTTP", "ledger:443", "", "", ""},
      {"2026-11-25T10:00:00.9Z", "AppExceptions", "", "dep-1", "", "", "", "", "", "",
       "System.TimeoutException", "SQL command timed out", ""},
      {"2026-11-25T10:00:01Z", "AppExceptions", "", "gone-span", "", "", "", "", "", "",
       "System.InvalidOperationException", "payment state lost", ""},
  };
  fake_.on_query([&rows](std::string_view kql) -> std::optional<FakeResponse> {
    if (kql.rfind("union AppRequests, AppDependencies, AppExceptions", 0) != 0) return std::nullopt;
    std::vector<std::vector<std::string>> table;
    for (const auto& row : rows) table.push_back(cells(row));
    return FakeResponse::json(200, log_analytics_answer(kTraceColumns, table));
  });
  auto result = engine_->collect(query);
  ASSERT_TRUE(result) << result.error().message();

  auto requests = log_analytics_requests();
  ASSERT_EQ(requests.size(), 1u);
  const SentQuery sent = sent_query(requests[0]);
  EXPECT_NE(sent.kql.find(std::string("| where OperationId == \"") + kTraceId +
                          "\" | project TimeGenerated, Type,"),
            std::string::npos)
      << sent.kql;
  EXPECT_FALSE(sent.timespan.empty());
  expect_tokens_only_where_they_belong();

  auto spans = records_of<Span>(result->records);
  ASSERT_EQ(spans.size(), 3u) << "exceptions are events, not spans";
  const Span& root = spans[0];
  EXPECT_EQ(root.span_id, "req-1");
  EXPECT_EQ(root.trace_id, kTraceId);
  EXPECT_EQ(root.parent_span_id, "") << "a ParentId equal to the trace id marks the root";
  EXPECT_EQ(root.kind, "server");
  EXPECT_EQ(root.status, SpanStatus::error);
  EXPECT_EQ(root.status_code, "500");
  EXPECT_EQ(root.duration_ns, 1'500'000'000);
  EXPECT_FALSE(root.orphan);
  EXPECT_NE(root.attributes_json.find(R"("http.route":"/pay")"), std::string::npos) << root.attributes_json;
  EXPECT_NE(root.events_json.find(R"("exception.type":"System.InvalidOperationException")"),
            std::string::npos)
      << root.events_json;
  EXPECT_NE(root.events_json.find(R"("orphan":true)"), std::string::npos)
      << "an exception whose span is missing goes to the root, marked: " << root.events_json;

  const Span& child = spans[1];
  EXPECT_EQ(child.span_id, "dep-1");
  EXPECT_EQ(child.parent_span_id, "req-1");
  EXPECT_EQ(child.kind, "client");
  EXPECT_EQ(child.status, SpanStatus::error);
  EXPECT_FALSE(child.orphan);
  EXPECT_NE(child.attributes_json.find(R"("dependency.type":"SQL")"), std::string::npos)
      << child.attributes_json;
  EXPECT_NE(child.attributes_json.find(R"("dependency.target":"shop-sql")"), std::string::npos);
  EXPECT_NE(child.events_json.find(R"("name":"exception")"), std::string::npos) << child.events_json;
  EXPECT_NE(child.events_json.find(R"("exception.message":"SQL command timed out")"), std::string::npos)
      << child.events_json;
  EXPECT_EQ(child.events_json.find("orphan"), std::string::npos) << child.events_json;

  const Span& lost = spans[2];
  EXPECT_EQ(lost.span_id, "dep-lost");
  EXPECT_EQ(lost.parent_span_id, "span-not-in-trace");
  EXPECT_TRUE(lost.orphan) << "a span whose parent is not in the trace is kept and flagged";
  EXPECT_EQ(lost.status, SpanStatus::ok);
}

TEST_F(AzureTraces, ATraceIsLookedUpOverThirtyDaysAndAMissSaysWhichWindow) {
  QuerySpec spec;
  spec.signal = ir::Signal::trace_get;
  spec.trace_id = kTraceId;
  const ir::Query query = build(spec);  // `tinkr trace ID`: no --since
  fake_.on_query([](std::string_view kql) -> std::optional<FakeResponse> {
    if (kql.rfind("union AppRequests, AppDependencies, AppExceptions", 0) != 0) return std::nullopt;
    return FakeResponse::json(200, log_analytics_answer(kTraceColumns, {}));
  });
  auto result = engine_->collect(query);
  ASSERT_FALSE(result) << "no rows is a trace not found";
  EXPECT_EQ(result.error().code(), Error::Code::not_found);
  EXPECT_NE(result.error().message().find("(30 days searched"), std::string::npos)
      << result.error().message();

  auto requests = log_analytics_requests();
  ASSERT_EQ(requests.size(), 1u);
  const SentQuery sent = sent_query(requests[0]);
  const auto slash = sent.timespan.find('/');
  ASSERT_NE(slash, std::string::npos) << sent.timespan;
  const int64_t from = *query::parse_time(sent.timespan.substr(0, slash), 0);
  const int64_t to = *query::parse_time(sent.timespan.substr(slash + 1), 0);
  EXPECT_EQ(to - from, 30 * 24 * 3'600'000'000'000) << "yesterday's trace is inside: " << sent.timespan;
  EXPECT_NE(sent.kql.find("| where TimeGenerated between (datetime("), std::string::npos) << sent.kql;
}

}  // namespace
}  // namespace tinkr::azure_e2e
