// run_query end to end with a scripted Transport: what is sent, what reaches the sink, and span-tree
// assembly with orphans and exceptions.
#include "lower/run_query.hpp"
#include "metrics/resource_resolver.hpp"
#include "plan_cases.hpp"
#include "recording_sink.hpp"
#include "traces/span_tree.hpp"

#include <tinkr/sdk/error.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace tinkr::azure {
namespace {

using testing::no_call;
using testing::read_vector;
using testing::RecordingSink;
using testing::ScriptedTransport;

const char* kTraceAnswer = R"({"tables":[{"name":"PrimaryResult","columns":[
 {"name":"TimeGenerated","type":"datetime"},{"name":"Type","type":"string"},{"name":"Id","type":"string"},
 {"name":"ParentId","type":"string"},{"name":"OperationId","type":"string"},{"name":"Name","type":"string"},
 {"name":"DurationMs","type":"real"},{"name":"Success","type":"bool"},{"name":"ResultCode","type":"string"},
 {"name":"AppRoleName","type":"string"},{"name":"DependencyType","type":"string"},{"name":"Target","type":"string"},
 {"name":"ExceptionType","type":"string"},{"name":"OuterMessage","type":"string"},{"name":"Properties","type":"dynamic"}],
 "rows":[
 ["2024-05-01T09:00:00.2Z","AppDependencies","c1","r1","T","SQL: orders",120.5,false,"500","payments-api","SQL","db",null,null,"{}"],
 ["2024-05-01T09:00:00.1Z","AppRequests","r1","T","T","POST /pay",250,false,"503","payments-api",null,null,null,null,"{\"k\":\"v\"}"],
 ["2024-05-01T09:00:00.3Z","AppDependencies","c2","r1","T","HTTP: bank",20,true,"200","payments-api","HTTP","bank",null,null,null],
 ["2024-05-01T09:00:00.25Z","AppExceptions",null,"c1","T",null,null,null,null,"payments-api",null,null,"SqlException","deadlock",null],
 ["2024-05-01T09:00:01Z","AppRequests","o1","gone","T","GET /late",5,true,"200","worker",null,null,null,null,null],
 ["2024-05-01T09:00:02Z","AppExceptions",null,"missing","T",null,null,null,null,"worker",null,null,"Timeout","late",null]
]}]})";

TEST(AzureRunQuery, TraceGetAssemblesTheTree) {
  ScriptedTransport transport;
  transport.respond(200, kTraceAnswer);
  RecordingSink rec;
  ir::Query q;
  q.signal = ir::Signal::trace_get;
  q.trace_id = "T";
  run_query(q, testing::test_context(), transport, rec.sink(), no_call());
  ASSERT_EQ(rec.spans.size(), 4u);
  EXPECT_EQ(rec.spans[0].span_id, "r1") << "the root first";
  EXPECT_EQ(rec.spans[0].parent, "") << "ParentId == trace id marks a root";
  EXPECT_EQ(rec.spans[0].kind, "server");
  EXPECT_EQ(rec.spans[0].status, TINKR_SPAN_STATUS_ERROR);
  EXPECT_EQ(rec.spans[0].status_code, "503");
  EXPECT_EQ(rec.spans[0].duration_ns, 250'000'000);
  EXPECT_EQ(rec.spans[1].span_id, "c1") << "children by start time";
  EXPECT_EQ(rec.spans[1].kind, "client");
  EXPECT_NE(rec.spans[1].events.find("SqlException"), std::string::npos) << "exception attached to its span";
  EXPECT_NE(rec.spans[1].attributes.find("\"dependency.target\":\"db\""), std::string::npos)
      << rec.spans[1].attributes;
  EXPECT_EQ(rec.spans[2].span_id, "c2");
  EXPECT_EQ(rec.spans[2].status, TINKR_SPAN_STATUS_OK);
  EXPECT_EQ(rec.spans[3].span_id, "o1");
  EXPECT_EQ(rec.spans[3].flags & TINKR_SPAN_FLAG_ORPHAN, TINKR_SPAN_FLAG_ORPHAN)
      << "orphans are kept and flagged";
  EXPECT_EQ(rec.spans[3].parent, "gone");
  EXPECT_NE(rec.spans[0].events.find("\"orphan\":true"), std::string::npos)
      << "an exception without its span goes to the root, marked";
  EXPECT_NE(transport.sent[0].kql.find("union AppRequests, AppDependencies, AppExceptions"),
            std::string::npos);
}

TEST(AzureRunQuery, TraceGetWithNoRowsIsNotFound) {
  ScriptedTransport transport;
  transport.respond(
      200, R"({"tables":[{"name":"PrimaryResult","columns":[{"name":"Id","type":"string"}],"rows":[]}]})");
  RecordingSink rec;
  ir::Query q;
  q.signal = ir::Signal::trace_get;
  q.trace_id = "nope";
  try {
    run_query(q, testing::test_context(), transport, rec.sink(), no_call());
    FAIL();
  } catch (const sdk::Error& e) {
    EXPECT_EQ(e.status(), TINKR_NOT_FOUND);
  }
}

TEST(AzureRunQuery, SpanTreeSurvivesCyclesAndExceptionOnlyTraces) {
  std::vector<traces::TraceRow> rows(2);
  rows[0] = {"AppRequests", "a", "b", "x", "", "s", "", "", "", "", "", 1, 1, true};
  rows[1] = {"AppRequests", "b", "a", "y", "", "s", "", "", "", "", "", 2, 1, true};
  const auto spans = traces::assemble_trace("T", rows);
  ASSERT_EQ(spans.size(), 2u) << "each span once, even in a ParentId cycle";
  EXPECT_TRUE(spans[0].flags & TINKR_SPAN_FLAG_ORPHAN);
  std::vector<traces::TraceRow> only(1);
  only[0].table = "AppExceptions";
  only[0].exception_type = "Boom";
  const auto lone = traces::assemble_trace("T", only);
  ASSERT_EQ(lone.size(), 1u);
  EXPECT_EQ(lone[0].name, "Boom");
  EXPECT_TRUE(lone[0].flags & TINKR_SPAN_FLAG_ORPHAN);
}

TEST(AzureRunQuery, SpanTreeWritesEachSpansExceptionsInTimeOrder) {
  std::vector<traces::TraceRow> rows(5);
  rows[0] = {"AppRequests", "r", "T", "GET /", "200", "s", "", "", "", "", "", 1, 100, true};
  rows[1] = {"AppDependencies", "c", "r", "SQL", "500", "s", "SQL", "db", "", "", "", 5, 50, false};
  rows[2] = {"AppExceptions", "", "c", "", "", "s", "", "", "B", "second", "", 30, 0, std::nullopt};
  rows[3] = {"AppExceptions", "", "c", "", "", "s", "", "", "A", "first", "", 20, 0, std::nullopt};
  rows[4] = {"AppExceptions", "", "missing", "", "", "s", "", "", "C", "lost", "", 10, 0, std::nullopt};
  const auto spans = traces::assemble_trace("T", rows);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[0].span_id, "r");
  EXPECT_EQ(spans[0].events_json, R"([{"time_unix_nano":10,"name":"exception","attributes":)"
                                  R"({"exception.type":"C","exception.message":"lost","orphan":true}}])")
      << "an exception whose span is missing goes to the root, marked";
  EXPECT_EQ(spans[1].span_id, "c");
  EXPECT_EQ(
      spans[1].events_json,
      R"([{"time_unix_nano":20,"name":"exception","attributes":{"exception.type":"A","exception.message":"first"}},)"
      R"({"time_unix_nano":30,"name":"exception","attributes":{"exception.type":"B","exception.message":"second"}}])");
  EXPECT_EQ(spans[1].attributes_json, R"({"dependency.type":"SQL","dependency.target":"db"})");
  EXPECT_EQ(spans[1].flags, 0u);
}

TEST(AzureRunQuery, LogsStreamRecordsAndWarnOnPartialResults) {
  ScriptedTransport transport;
  transport.respond(200, R"({"tables":[{"name":"PrimaryResult","columns":[
    {"name":"TimeGenerated","type":"datetime"},{"name":"Message","type":"string"},
    {"name":"SeverityLevel","type":"int"},{"name":"Properties","type":"dynamic"}],
    "rows":[["2024-05-01T09:30:00Z","hi",2,"{}"]]}],
    "error":{"code":"PartialError","message":"some","details":[{"code":"EngineError","message":"x",
    "innererror":{"code":"-1","message":"ran out of memory"}}]}})");
  RecordingSink rec;
  run_query(testing::page_log_query(), testing::test_context(), transport, rec.sink(), no_call());
  ASSERT_EQ(rec.logs.size(), 1u);
  EXPECT_EQ(rec.logs[0].severity_text, "Warning");
  ASSERT_EQ(rec.warnings.size(), 1u);
  EXPECT_NE(rec.warnings[0].find("ran out of memory"), std::string::npos) << rec.warnings[0];
  ASSERT_EQ(transport.sent.size(), 1u);
  EXPECT_EQ(transport.sent[0].audience, Audience::log_analytics);
}

// One row of the service check's answer: the service wrote something in the last 30 days.
constexpr const char* kServiceSeen =
    R"({"tables":[{"name":"PrimaryResult","columns":[{"name":"TimeGenerated","type":"datetime"}],)"
    R"("rows":[["2026-11-20T10:00:00Z"]]}]})";
constexpr const char* kNothing =
    R"({"tables":[{"name":"PrimaryResult","columns":[{"name":"TimeGenerated","type":"datetime"}],"rows":[]}]})";

TEST(AzureRunQuery, NoContentIsNoData) {
  ScriptedTransport transport;
  transport.respond(204, "");
  transport.respond(200, kServiceSeen);
  RecordingSink rec;
  EXPECT_NO_THROW(
      run_query(testing::page_log_query(), testing::test_context(), transport, rec.sink(), no_call()));
  EXPECT_TRUE(rec.logs.empty());
  EXPECT_TRUE(rec.warnings.empty());
}

// An empty answer for a service asks once whether the service exists; a quiet hour is no error, an
// unknown name is "not found" (exit 5), as on the local backend.
TEST(AzureRunQuery, AnUnknownServiceIsNotFoundAndAQuietOneIsEmpty) {
  for (const bool known : {true, false}) {
    ScriptedTransport transport;
    transport.respond(200, kNothing);
    transport.respond(200, known ? kServiceSeen : kNothing);
    RecordingSink rec;
    auto query = testing::page_log_query();
    try {
      run_query(query, testing::test_context(), transport, rec.sink(), no_call());
      EXPECT_TRUE(known) << "an unknown service must be an error";
    } catch (const sdk::Error& e) {
      EXPECT_FALSE(known) << e.what();
      EXPECT_EQ(e.status(), TINKR_NOT_FOUND);
      EXPECT_NE(std::string(e.what()).find("no service named 'payments-api' in AppTraces"), std::string::npos)
          << e.what();
    }
    ASSERT_EQ(transport.sent.size(), 2u);
    EXPECT_NE(transport.sent[1].kql.find("| where AppRoleName == \"payments-api\" | take 1"),
              std::string::npos)
        << transport.sent[1].kql;
  }
  ScriptedTransport transport;
  ir::Query traces;
  traces.signal = ir::Signal::trace_search;
  traces.service = "payments-api";
  RecordingSink rec;
  transport.respond(200, kNothing);
  transport.respond(200, kNothing);
  try {
    run_query(traces, testing::test_context(), transport, rec.sink(), no_call());
    ADD_FAILURE() << "an unknown service's traces must be an error";
  } catch (const sdk::Error& e) {
    EXPECT_EQ(e.status(), TINKR_NOT_FOUND);
    EXPECT_NE(std::string(e.what()).find("in AppRequests"), std::string::npos) << e.what();
  }
}

TEST(AzureRunQuery, AzureErrorsBecomeErrors) {
  ScriptedTransport transport;
  transport.respond(400, read_vector("log-analytics/error.400.semantic-unknown-column.json"));
  RecordingSink rec;
  try {
    run_query(testing::page_log_query(), testing::test_context(), transport, rec.sink(), no_call());
    FAIL();
  } catch (const sdk::Error& e) {
    EXPECT_EQ(e.status(), TINKR_INVALID_QUERY);
    EXPECT_NE(std::string(e.what()).find("SeverityLevl"), std::string::npos) << e.what();
  }
}

TEST(AzureRunQuery, NativeStreamsEveryTable) {
  ScriptedTransport transport;
  transport.respond(200, read_vector("log-analytics/query.simple.response.json"));
  RecordingSink rec;
  ir::Query q;
  q.signal = ir::Signal::native;
  q.native_text = "Usage | take 10";
  run_query(q, testing::test_context(), transport, rec.sink(), no_call());
  EXPECT_EQ(rec.rows.size(), 2u);
  EXPECT_EQ(transport.sent[0].body, R"({"query":"Usage | take 10"})");
}

ir::Query case_named(const std::string& name) {
  for (auto& c : testing::kql_cases())
    if (c.name == name) return c.query;
  throw std::runtime_error("no case " + name);
}

TEST(AzureRunQuery, TraceSearchEmitsSummaries) {
  ScriptedTransport transport;
  transport.respond(200, R"({"tables":[{"name":"PrimaryResult","columns":[
    {"name":"OperationId","type":"string"},{"name":"Name","type":"string"},{"name":"DurationMs","type":"real"},
    {"name":"Success","type":"bool"},{"name":"ResultCode","type":"string"},{"name":"TimeGenerated","type":"datetime"}],
    "rows":[["4bf92f3577b34da6a3ce929d0e0e4736","POST /pay",1500.5,false,"500","2024-05-01T09:00:00Z"]]}]})");
  RecordingSink rec;
  run_query(case_named("traces_search_page_example"), testing::test_context(), transport, rec.sink(),
            no_call());
  ASSERT_EQ(rec.summaries.size(), 1u);
  EXPECT_EQ(rec.summaries[0].trace_id, "4bf92f3577b34da6a3ce929d0e0e4736") << "W3C trace ids stay whole";
  EXPECT_EQ(rec.summaries[0].duration_ns, 1'500'500'000);
  EXPECT_EQ(rec.summaries[0].status, TINKR_SPAN_STATUS_ERROR);
  EXPECT_EQ(rec.summaries[0].service, "payments-api");
}

ir::Query metrics_by_name(std::string service) {
  auto q = testing::metrics_cases().front().query;
  q.service = std::move(service);
  q.resource_type.clear();
  return q;
}

TEST(AzureRunQuery, MetricsResolveTheServiceThroughTheArmListOnce) {
  ScriptedTransport transport;
  transport.respond(200, read_vector("arm/resources.list.page1.response.json"));
  transport.respond(200, read_vector("arm/resources.list.page2.response.json"));
  transport.respond(200, read_vector("metrics/metrics.list.app-service.response.json"));
  transport.respond(200, read_vector("metrics/metrics.list.app-service.response.json"));
  metrics::ResourceCache cache;
  RecordingSink rec;
  const auto context = testing::test_context();
  run_query(metrics_by_name("shop-web"), context, transport, rec.sink(), no_call(), cache);
  run_query(metrics_by_name("shop-web"), context, transport, rec.sink(), no_call(), cache);
  ASSERT_EQ(transport.sent.size(), 4u) << "two pages of the list once, then one metrics call per query";
  EXPECT_EQ(transport.sent[0].url,
            "https://management.azure.com/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/"
            "rg-shop/"
            "resources?api-version=2021-04-01");
  EXPECT_EQ(transport.sent[1].url.rfind("https://management.azure.com/", 0), 0u) << "nextLink followed";
  EXPECT_NE(transport.sent[2].url.find(
                "/providers/Microsoft.Web/sites/shop-web/providers/microsoft.insights/metrics"),
            std::string::npos)
      << transport.sent[2].url;
  EXPECT_EQ(transport.sent[2].audience, Audience::arm);
  EXPECT_EQ(rec.series.size(), 10u) << "Requests and Http5xx per instance, HttpResponseTime average";
}

TEST(AzureRunQuery, NextLinkToAnotherHostIsRefused) {
  ScriptedTransport transport;
  transport.respond(200, R"({"value":[],"nextLink":"https://evil.example.com/steal"})");
  metrics::ResourceCache cache;
  RecordingSink rec;
  EXPECT_THROW(run_query(metrics_by_name("shop-web"), testing::test_context(), transport, rec.sink(),
                         no_call(), cache),
               sdk::Error);
  EXPECT_EQ(transport.sent.size(), 1u) << "the token never went to the other host";
}

TEST(AzureRunQuery, ResourceCacheHasOneFetchInFlight) {
  metrics::ResourceCache cache(1'000);
  std::atomic<int> fetches{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 16; ++i)
    threads.emplace_back([&] {
      auto list = cache.get("k", 0, [&] {
        ++fetches;
        std::this_thread::yield();
        return std::vector<metrics::ArmResource>{{"id", "n", "t", ""}};
      });
      EXPECT_EQ(list->size(), 1u);
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(fetches.load(), 1) << "16 concurrent callers share one fetch";
  cache.get("k", 2'000, [&] {
    ++fetches;
    return std::vector<metrics::ArmResource>{};
  });
  EXPECT_EQ(fetches.load(), 2) << "after the TTL the list is fetched again";
}

}  // namespace
}  // namespace tinkr::azure
