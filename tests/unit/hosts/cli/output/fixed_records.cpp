#include "fixed_records.hpp"

namespace tinkr::testing {
namespace {

constexpr int64_t kBase = 1'795'600'000'000'000'000;  // 2026-11-25T09:46:40Z

}  // namespace

std::vector<Record> fixed_logs() {
  LogRecord info{kBase,
                 9,
                 "Information",
                 "payment accepted",
                 "payments-api",
                 "4bf92f3577b34da6a3ce929d0e0e4736",
                 "00f067aa0ba902b7",
                 R"({"http.method":"POST"})",
                 1};
  LogRecord warn{kBase + 1'500'000'000,
                 13,
                 "Warning",
                 "slow upstream, \"orders-db\" took 1,2s",
                 "payments-api",
                 "",
                 "",
                 "",
                 1};
  LogRecord error{kBase + 61'000'000'000,
                  17,
                  "Error",
                  "connection refused\nretrying (naïve backoff)",
                  "payments-api",
                  "4bf92f3577b34da6a3ce929d0e0e4736",
                  "",
                  "",
                  3};
  return {info, warn, error};
}

std::vector<Record> fixed_metrics() {
  MetricSeries series;
  series.metric = "http.server.requests";
  series.aggregation = "sum";
  series.unit = "{request}";
  series.service = "payments-api";
  series.dimensions_json = R"({"http.route":"/payments"})";
  series.interval_ns = 300'000'000'000;
  series.points = {
      {kBase, 120, true}, {kBase + 300'000'000'000, 0, false}, {kBase + 600'000'000'000, 87.5, true}};
  return {series};
}

std::vector<Record> fixed_traces() {
  TraceSummary ok{"4bf92f3577b34da6a3ce929d0e0e4736",
                  "checkout",
                  "POST /checkout",
                  kBase,
                  1'200'000'000,
                  SpanStatus::ok,
                  "200",
                  4,
                  0};
  TraceSummary failed{"0af7651916cd43dd8448eb211c80319c",
                      "checkout",
                      "POST /checkout",
                      kBase + 5'000'000'000,
                      30'000'000'000,
                      SpanStatus::error,
                      "503",
                      5,
                      2};
  return {ok, failed};
}

std::vector<Span> fixed_spans() {
  const std::string trace = "4bf92f3577b34da6a3ce929d0e0e4736";
  auto span = [&](std::string id, std::string parent, std::string service, std::string name, int64_t start_ms,
                  int64_t duration_ms, SpanStatus status) {
    Span s;
    s.trace_id = trace;
    s.span_id = std::move(id);
    s.parent_span_id = std::move(parent);
    s.service = std::move(service);
    s.name = std::move(name);
    s.start_ns = kBase + start_ms * 1'000'000;
    s.duration_ns = duration_ms * 1'000'000;
    s.status = status;
    return s;
  };
  // Deliberately out of order: the tree sorts children by start time.
  std::vector<Span> spans = {
      span("c2", "root", "payments-api", "POST /payments", 300, 850, SpanStatus::ok),
      span("root", "", "checkout", "POST /checkout", 0, 1200, SpanStatus::ok),
      span("c1", "root", "inventory", "GET /inventory/{sku}", 20, 180, SpanStatus::ok),
      span("g1", "c2", "payments-api", "SELECT orders", 320, 800, SpanStatus::error),
      span("o1", "missing", "fraud-check", "score", 1100, 50, SpanStatus::unset),
  };
  spans[3].kind = "client";
  spans[4].orphan = true;
  return spans;
}

Table fixed_table() {
  // Typed columns as Log Analytics declares them: numbers, a bool, a dynamic value (and one that is
  // not JSON), a real that JSON cannot hold.
  return Table{"PrimaryResult",
               {{"service", "string"},
                {"count", "long"},
                {"note", "string"},
                {"ratio", "real"},
                {"ok", "bool"},
                {"props", "dynamic"}},
               {{"payments-api", "42", "a, b", "0.25", "true", R"({"region": "eu", "zones": [1, 2]})"},
                {"checkout", "7", std::nullopt, "NaN", "False", "not json"}}};
}

}  // namespace tinkr::testing
