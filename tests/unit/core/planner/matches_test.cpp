// The residual evaluator: the reference semantics of each operator on each kind of record.
#include <tinkr/planner.hpp>
#include <tinkr/query.hpp>

#include <gtest/gtest.h>

namespace {

using tinkr::ir::Filter;
using tinkr::ir::Op;

tinkr::LogRecord log_record() {
  tinkr::LogRecord log;
  log.time_ns = 5000;
  log.severity_number = 18;  // an error
  log.severity_text = "Error";
  log.body = "Connection Timeout after 30s";
  log.service = "checkout";
  log.trace_id = "4bf92f3577b34da6a3ce929d0e0e4736";
  log.span_id = "00f067aa0ba902b7";
  log.attributes_json =
      R"({"http.method":"POST","http":{"status_code":503,"route":"/pay"},"retry":true,"ratio":0.25,"tags":["a","b"],"gone":null})";
  return log;
}

tinkr::Span span_record() {
  tinkr::Span span;
  span.trace_id = "4bf92f3577b34da6a3ce929d0e0e4736";
  span.span_id = "00f067aa0ba902b7";
  span.parent_span_id = "a1b2c3d4e5f60718";
  span.service = "checkout";
  span.name = "GET /orders";
  span.kind = "server";
  span.start_ns = 7000;
  span.duration_ns = 1'500'000'000;
  span.status = tinkr::SpanStatus::error;
  span.status_code = "500";
  span.attributes_json = R"({"db.system":"postgresql"})";
  return span;
}

tinkr::TraceSummary trace_record() {
  tinkr::TraceSummary trace;
  trace.trace_id = "4bf92f3577b34da6a3ce929d0e0e4736";
  trace.service = "frontend";
  trace.name = "POST /checkout";
  trace.start_ns = 9000;
  trace.duration_ns = 250'000'000;
  trace.status = tinkr::SpanStatus::ok;
  trace.status_code = "200";
  return trace;
}

bool query_matches(const char* text, const tinkr::Record& record) {
  auto filter = tinkr::query::parse_filter(text, 0);
  EXPECT_TRUE(filter) << text << ": " << filter.error().message();
  return filter && tinkr::planner::matches(*filter, record);
}

struct MatchCase {
  const char* query;
  bool log, span, trace;  // expected result on each record kind
};

class MatchTest : public ::testing::TestWithParam<MatchCase> {};

TEST_P(MatchTest, EachRecordKind) {
  const MatchCase& c = GetParam();
  EXPECT_EQ(query_matches(c.query, log_record()), c.log) << c.query << " on a log record";
  EXPECT_EQ(query_matches(c.query, span_record()), c.span) << c.query << " on a span";
  EXPECT_EQ(query_matches(c.query, trace_record()), c.trace) << c.query << " on a trace summary";
}

const MatchCase kCases[] = {
    // everything, text search (case-insensitive; a span's and a trace's name are their text)
    {"*", true, true, true},
    {"\"connection timeout\"", true, false, false},
    {"ORDERS", false, true, false},
    {"checkout", false, false, true},
    // eq / ne / in: case-sensitive on text
    {"service:checkout", true, true, false},
    {"service:Checkout", false, false, false},
    {"service!=checkout", false, false, true},
    {"service:(frontend OR checkout)", true, true, true},
    {"trace_id:4bf92f3577b34da6a3ce929d0e0e4736", true, true, true},
    {"span_id:00f067aa0ba902b7", true, true, false},
    {"parent_span_id:a1b2c3d4e5f60718", false, true, false},
    {"kind:server", false, true, false},
    // severity compares ranges: 18 is an error
    {"level:ERROR", true, false, false},
    {"level:(ERROR OR FATAL)", true, false, false},
    {"severity>=warn", true, false, false},
    {"severity>error", false, false, false},
    {"severity<fatal", true, false, false},
    {"severity!=info", true, false, false},
    // ne on a field the record lacks is false; not of it is true
    {"NOT level:ERROR", false, true, true},
    // numbers: time and duration
    {"duration>1s", false, true, false},
    {"duration<=250ms", false, false, true},
    {"time>=now", true, true, true},  // now is 0 in this test
    // status and status_code ("500" compares as the number 500)
    {"status:error", false, true, false},
    {"status:OK", false, false, true},
    {"status!=ok", false, true, false},
    {"status_code>=500", false, true, false},
    {"status_code:200", false, false, true},
    {"status_code:\"500\"", false, true, false},
    // contains / startswith: case-insensitive
    {"message:TIMEOUT", true, false, false},
    {"name:get*", false, true, false},
    {"name:*CHECK*", false, false, true},
    // matches: RE2 regex search, case-sensitive
    {"message:/Time(d )?out/", true, false, false},
    {"message:/^timeout/", false, false, false},
    {"name:/^(GET|POST) /", false, true, true},
    {"name:*orders", false, true, false},
    // exists
    {"_exists_:trace_id", true, true, true},
    {"_exists_:span_id", true, true, false},
    {"_exists_:parent_span_id", false, true, false},
    {"_exists_:attributes.gone", false, false, false},
    // attributes: flat keys first, then nested objects; typed comparisons
    {"attributes.http.method:POST", true, false, false},
    {"attributes.http.status_code:503", true, false, false},
    {"attributes.http.status_code>=500", true, false, false},
    {"attributes.http.status_code:\"503\"", true, false, false},
    {"attributes.http.route:\"/pay\"", true, false, false},  // a bare /... would be a regex
    {"attributes.retry:true", true, false, false},
    {"attributes.retry:false", false, false, false},
    {"attributes.ratio<0.5", true, false, false},
    {"attributes.tags:*\"a\"*", true, false, false},
    {"attributes.db.system:postgresql", false, true, false},
    {"attributes.missing:*", false, false, false},
    // boolean structure
    {"level:ERROR AND service:checkout", true, false, false},
    {"level:ERROR OR status:error", true, true, false},
    {"NOT (service:checkout OR service:frontend)", false, false, false},
};
INSTANTIATE_TEST_SUITE_P(Operators, MatchTest, ::testing::ValuesIn(kCases));

TEST(Matches, SeverityTextStandsInWhenTheNumberIsMissing) {
  tinkr::LogRecord log;
  log.severity_text = "Warning";
  EXPECT_TRUE(query_matches("level:warn", log));
  log.severity_text = "whatever";
  EXPECT_FALSE(query_matches("level:warn", log));
  EXPECT_FALSE(query_matches("_exists_:severity", log)) << "no number and no known text: unspecified";
}

TEST(Matches, MetricSeriesHaveServiceNameAndDimensions) {
  tinkr::MetricSeries series;
  series.metric = "requests";
  series.service = "checkout";
  series.dimensions_json = R"({"region":"westeurope"})";
  auto filter = tinkr::ir::Filter::make_predicate("dimensions.region", Op::eq, {std::string("westeurope")});
  EXPECT_TRUE(tinkr::planner::matches(filter, series));
  EXPECT_TRUE(query_matches("service:checkout name:requests", series));
}

TEST(Matches, MalformedAttributesMatchNothingRatherThanCrash) {
  tinkr::LogRecord log;
  log.attributes_json = "{not json";
  EXPECT_FALSE(query_matches("attributes.a:*", log));
  EXPECT_TRUE(query_matches("NOT attributes.a:1", log));
}

TEST(Matches, HandBuiltPredicatesWithoutValuesMatchNothing) {
  Filter filter = Filter::make_predicate("service", Op::eq, {});
  EXPECT_FALSE(tinkr::planner::matches(filter, log_record()));
  Filter bad_regex = Filter::make_predicate("body", Op::matches, {std::string("(")});
  EXPECT_FALSE(tinkr::planner::matches(bad_regex, log_record()));
}

TEST(Matches, NumbersAgainstTextUseTheTextForm) {
  Filter contains_number = Filter::make_predicate("body", Op::contains, {int64_t{30}});
  EXPECT_TRUE(tinkr::planner::matches(contains_number, log_record()));
  Filter in_mixed = Filter::make_predicate("status_code", Op::in, {std::string("404"), int64_t{500}});
  EXPECT_TRUE(tinkr::planner::matches(in_mixed, span_record()));
}

}  // namespace
