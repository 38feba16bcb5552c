// The hosts' shared pieces: record JSON both ways, query request bodies, the error table.
#include "common/error_json.hpp"
#include "common/error_tables.hpp"
#include "common/http_client.hpp"
#include "common/query_request.hpp"
#include "common/record_json.hpp"
#include "common/record_reader.hpp"
#include "common/result_json.hpp"
#include "common/time_text.hpp"
#include "fixed_records.hpp"

#include <gtest/gtest.h>

#include <set>

namespace tinkr::host {
namespace {

Record round_trip(const Record& record) {
  rapidjson::Document document;
  const std::string json = record_to_json(record);
  document.Parse(json.c_str());
  EXPECT_FALSE(document.HasParseError()) << json;
  auto back = record_from_json(document);
  EXPECT_TRUE(back) << (back ? "" : back.error().message());
  return back ? *back : Record{};
}

// A log record's view (how the engine hands log records to tinkr-server and the CLI) is written as the
// kept record is, and copies back into that record whole.
TEST(RecordJson, ALogRecordsViewIsWrittenAndCopiedAsTheRecord) {
  LogRecord full;
  full.time_ns = 1'795'000'000'123'000'000;
  full.severity_number = 17;
  full.severity_text = "Error";
  full.body = "payment \"ord-1\" failed\n";
  full.service = "payments-api";
  full.trace_id = "4bf92f3577b34da6a3ce929d0e0e4736";
  full.span_id = "00f067aa0ba902b7";
  full.attributes_json = R"({"http.route":"/pay"})";
  full.item_count = 3;
  RecordText text;
  for (const auto& record : testing::fixed_logs()) {
    const auto& log = std::get<LogRecord>(record);
    EXPECT_EQ(text(view_of(log)), record_to_json(record));
    EXPECT_EQ(record_to_json(Record(to_log_record(view_of(log)))), record_to_json(record));
  }
  EXPECT_EQ(text(view_of(full)), record_to_json(Record(full)));
  const LogRecord back = to_log_record(view_of(full));
  EXPECT_EQ(record_to_json(Record(back)), record_to_json(Record(full)));
  EXPECT_EQ(back.span_id, full.span_id);
  EXPECT_EQ(back.item_count, 3);
}

// What the server writes, the CLI reads back unchanged (remote mode prints what local mode prints).
TEST(RecordJson, EveryKindRoundTrips) {
  for (const auto& record : testing::fixed_logs()) {
    const auto back = std::get<LogRecord>(round_trip(record));
    const auto& log = std::get<LogRecord>(record);
    EXPECT_EQ(back.time_ns, log.time_ns);
    EXPECT_EQ(back.body, log.body) << "bodies with quotes and newlines survive";
    EXPECT_EQ(back.severity_number, log.severity_number);
    EXPECT_EQ(back.attributes_json, log.attributes_json);
    EXPECT_EQ(back.item_count, log.item_count);
  }
  const auto series = std::get<MetricSeries>(round_trip(testing::fixed_metrics()[0]));
  ASSERT_EQ(series.points.size(), 3u);
  EXPECT_FALSE(series.points[1].has_value) << "a missing value stays missing, not zero";
  EXPECT_DOUBLE_EQ(series.points[2].value, 87.5);
  const auto trace = std::get<TraceSummary>(round_trip(testing::fixed_traces()[1]));
  EXPECT_EQ(trace.status, SpanStatus::error);
  EXPECT_EQ(trace.error_count, 2);
  const auto span = std::get<Span>(round_trip(Record(testing::fixed_spans()[4])));
  EXPECT_TRUE(span.orphan);
  EXPECT_EQ(span.parent_span_id, "missing");
}

TEST(RecordJson, UnknownTypeIsAnError) {
  rapidjson::Document document;
  document.Parse(R"({"type":"event"})");
  auto record = record_from_json(document);
  ASSERT_FALSE(record);
  EXPECT_EQ(record.error().message(), "record: unknown type 'event'");
}

TEST(QueryRequest, SpecRoundTripsThroughJson) {
  QuerySpec spec;
  spec.signal = ir::Signal::metrics;
  spec.service = "payments-api";
  spec.since = "2h";
  spec.metrics.names = {"requests", "errors"};
  spec.metrics.aggregations = {ir::Aggregation::avg, ir::Aggregation::max,
                               *ir::aggregation_from_string("p99.9")};
  spec.metrics.interval_ns = 300'000'000'000;
  auto request = request_from_json(request_to_json(spec, true), RouteSignal{ir::Signal::metrics});
  ASSERT_TRUE(request) << request.error().message();
  EXPECT_TRUE(request->explain);
  EXPECT_EQ(request->spec.service, "payments-api");
  EXPECT_EQ(request->spec.since, "2h");
  EXPECT_EQ(request->spec.metrics.names, spec.metrics.names);
  EXPECT_EQ(request->spec.metrics.aggregations, spec.metrics.aggregations);
  EXPECT_EQ(request->spec.metrics.interval_ns, spec.metrics.interval_ns);
}

TEST(QueryRequest, PercentilesAreAggregationsAndBadOnesAreRefused) {
  const RouteSignal metrics{ir::Signal::metrics};
  auto ok =
      request_from_json(R"({"service":"a","metrics":{"names":["m"],"aggregations":["p95","avg"]}})", metrics);
  ASSERT_TRUE(ok) << ok.error().message();
  ASSERT_EQ(ok->spec.metrics.aggregations.size(), 2u);
  EXPECT_EQ(ir::to_string(ok->spec.metrics.aggregations[0]), "p95");
  auto bad = request_from_json(R"({"service":"a","metrics":{"names":["m"],"aggregations":["p0"]}})", metrics);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code(), Error::Code::invalid_query);
  EXPECT_EQ(
      bad.error().message(),
      "request.metrics: percentile 'p0' is not valid: pNN takes a rank above 0 and below 100, up to three "
      "decimals (p50, p95, p99.9)");
}

TEST(QueryRequest, StatsAndNoCacheCrossTheServerAndTheCostComesBack) {
  QuerySpec spec;
  spec.service = "payments-api";
  spec.statistics = true;
  spec.no_cache = true;
  auto request = request_from_json(request_to_json(spec, false), RouteSignal{ir::Signal::logs});
  ASSERT_TRUE(request) << request.error().message();
  EXPECT_TRUE(request->spec.statistics);
  EXPECT_TRUE(request->spec.no_cache);
  auto bad = request_from_json(R"({"service":"a","stats":"yes"})", RouteSignal{ir::Signal::logs});
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message().find("'stats' must be true or false"), std::string::npos);

  // The answer's stats carry the backend's statistics as "cost", and a client reads them back.
  QueryResult result;
  result.stats.statistics_json = R"({"data_scanned_bytes":1052708,"cpu_ns":1500000000})";
  const std::string json = result_to_json(result);
  EXPECT_NE(json.find(R"("cost":{"data_scanned_bytes":1052708,"cpu_ns":1500000000})"), std::string::npos)
      << json;
  EXPECT_NE(stats_line(result.stats).find(R"("cost":{"data_scanned_bytes":1052708)"), std::string::npos);
  struct Nothing final : ResultSink {
    bool on_record(Record&&) override { return true; }
  } sink;
  auto replayed = replay_result(json, sink);
  ASSERT_TRUE(replayed) << replayed.error().message();
  EXPECT_EQ(replayed->statistics_json, result.stats.statistics_json);
}

TEST(QueryRequest, BadBodiesNameTheProblem) {
  const RouteSignal logs{ir::Signal::logs};
  auto malformed = request_from_json("{\"service\": ", logs);
  ASSERT_FALSE(malformed);
  EXPECT_EQ(malformed.error().code(), Error::Code::invalid_query);
  EXPECT_NE(malformed.error().message().find("invalid JSON at offset"), std::string::npos)
      << malformed.error().message();

  auto unknown = request_from_json(R"({"servce": "x"})", logs);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().message(), "request: unknown member 'servce'");

  auto wrong_type = request_from_json(R"({"limit": "ten"})", logs);
  ASSERT_FALSE(wrong_type);
  EXPECT_EQ(wrong_type.error().message(), "request: 'limit' must be a whole number >= 0");

  auto not_object = request_from_json("[1]", logs);
  ASSERT_FALSE(not_object);
  EXPECT_EQ(not_object.error().message(), "request body: expected a JSON object");

  auto ir_elsewhere = request_from_json(R"({"ir": {}})", logs);
  ASSERT_FALSE(ir_elsewhere);
  EXPECT_EQ(ir_elsewhere.error().message(), "request: 'ir' is accepted by /api/v1/query only");
}

TEST(QueryRequest, QueryRouteChoosesTheSignal) {
  auto native = request_from_json(R"({"native": "AppRequests | take 5"})", RouteSignal{});
  ASSERT_TRUE(native);
  EXPECT_EQ(native->spec.signal, ir::Signal::native);
  EXPECT_EQ(native->spec.text, "AppRequests | take 5");
  auto unknown = request_from_json(R"({"signal": "events"})", RouteSignal{});
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message().find("unknown signal 'events'"), std::string::npos);
}

TEST(QueryRequest, TraceShortcutsFoldIntoTheQuery) {
  EXPECT_EQ(*fold_trace_filters("", "1s", true), "(status:error OR duration>1s)")
      << "failed or slow, as the product's Azure page searches";
  EXPECT_EQ(*fold_trace_filters("", "1s", false), "duration>1s") << "strictly longer, as the page writes it";
  EXPECT_EQ(*fold_trace_filters("name:GET* OR name:POST*", "", true),
            "(name:GET* OR name:POST*) AND status:error");
  EXPECT_EQ(*fold_trace_filters("name:GET*", "500ms", true),
            "name:GET* AND (status:error OR duration>500ms)");
  EXPECT_EQ(*fold_trace_filters("*", "", false), "");
}

TEST(QueryRequest, TheServersTraceShortcutsMeanFailedOrSlowToo) {
  auto request = request_from_json(R"({"service": "payments-api", "slow": "1s", "failed": true})",
                                   RouteSignal{ir::Signal::trace_search});
  ASSERT_TRUE(request) << request.error().to_string();
  EXPECT_EQ(request->spec.text, "(status:error OR duration>1s)");
  auto filter = query::parse_filter(request->spec.text);
  ASSERT_TRUE(filter) << filter.error().to_string();
  EXPECT_EQ(filter->kind, ir::Filter::Kind::or_) << "an or of the two, not an and";
}

// Each error class has its own exit code and the table has no duplicates.
TEST(ServerUrl, TakesHostPortAndPathAndRefusesWhatItWouldNotSend) {
  auto endpoint = parse_server_url("http://tinkr.internal:8080/base/");
  ASSERT_TRUE(endpoint) << endpoint.error().to_string();
  EXPECT_EQ(endpoint->hostname, "tinkr.internal");
  EXPECT_EQ(endpoint->port, "8080");
  EXPECT_EQ(endpoint->base_path, "/base");
  auto with_password = parse_server_url("http://vera:s3cret-key@tinkr.internal:8080");
  ASSERT_FALSE(with_password) << "credentials in the URL would be dropped silently";
  EXPECT_EQ(with_password.error().message().find("s3cret"), std::string::npos) << "the secret is not echoed";
  EXPECT_NE(with_password.error().message().find("TINKR_TOKEN"), std::string::npos);
  EXPECT_FALSE(parse_server_url("http://tinkr.internal:8080/?profile=prod")) << "a query would be ignored";
  EXPECT_FALSE(parse_server_url("https://tinkr.internal")) << "tinkr speaks plain HTTP to its server";
}

TEST(ErrorTables, ExitCodesAreDistinct) {
  std::set<int> codes = {kExitOk, kExitUsage};
  for (const auto& row : kErrorClasses)
    EXPECT_TRUE(codes.insert(row.exit_code).second)
        << to_string(row.code) << " reuses exit code " << row.exit_code;
  EXPECT_EQ(http_status_for(Error::Code::invalid_query), 400);
  EXPECT_EQ(http_status_for(Error::Code::unauthenticated), 401);
  EXPECT_EQ(http_status_for(Error::Code::forbidden), 403);
  EXPECT_EQ(http_status_for(Error::Code::not_found), 404);
  EXPECT_EQ(http_status_for(Error::Code::throttled), 429);
  EXPECT_EQ(http_status_for(Error::Code::upstream_unavailable), 502);
  EXPECT_EQ(http_status_for(Error::Code::timeout), 504);
  EXPECT_NE(exit_code_table().find("130  cancelled"), std::string::npos) << exit_code_table();
  // Bad input data (a malformed file given to ingest) is not a bad query.
  EXPECT_EQ(exit_code_for(Error::Code::invalid_data), 14);
  EXPECT_EQ(code_for_http_status(400), Error::Code::invalid_query) << "a bare 400 stays invalid_query";
}

TEST(ErrorJson, RepliesRoundTripTheCode) {
  const Error error(Error::Code::throttled, "slow down", Error::Source::upstream, true, 1500);
  const Error back = error_from_reply(429, error_to_json(error));
  EXPECT_EQ(back.code(), Error::Code::throttled);
  EXPECT_EQ(back.message(), "slow down");
  EXPECT_EQ(back.retry_after_ms(), 1500);
  const Error bare = error_from_reply(502, "<html>bad gateway</html>");
  EXPECT_EQ(bare.code(), Error::Code::upstream_unavailable);
  EXPECT_EQ(bare.message(), "server replied 502: <html>bad gateway</html>");
}

TEST(TimeText, FormatsTimesAndDurations) {
  EXPECT_EQ(format_time(1'795'600'000'123'000'000), "2026-11-25T09:46:40.123Z");
  EXPECT_EQ(format_time(0), "");
  EXPECT_EQ(format_duration(850), "850ns");
  EXPECT_EQ(format_duration(12'400'000), "12.4ms");
  EXPECT_EQ(format_duration(1'200'000'000), "1.20s");
  EXPECT_EQ(format_duration(90'000'000'000), "1m30s");
}

// An NDJSON reply replays into a sink: records, then the end line's stats; an error line fails.
TEST(ResultJson, NdjsonReplay) {
  struct Collect : ResultSink {
    std::vector<Record> records;
    bool on_record(Record&& r) override {
      records.push_back(std::move(r));
      return true;
    }
  } sink;
  NdjsonReplayer replayer(sink);
  for (const auto& record : testing::fixed_logs()) ASSERT_TRUE(replayer.feed(record_to_json(record)));
  RunStats stats;
  stats.delivered = 3;
  std::string end = stats_line(stats);
  end.pop_back();
  ASSERT_TRUE(replayer.feed(end));
  EXPECT_TRUE(replayer.finished());
  EXPECT_EQ(replayer.stats().delivered, 3);
  EXPECT_EQ(sink.records.size(), 3u);

  NdjsonReplayer failing(sink);
  std::string line = error_line(Error(Error::Code::timeout, "query ran out of time"));
  line.pop_back();
  auto fed = failing.feed(line);
  ASSERT_FALSE(fed);
  EXPECT_EQ(fed.error().code(), Error::Code::timeout);
}

}  // namespace
}  // namespace tinkr::host
