// The incident report on the Azure backend, through the fake Azure: AppTraces for the error patterns,
// AppRequests for the requests and the failed or slow ones, and the union of AppRequests,
// AppDependencies and AppExceptions for an example trace. An hour with a database timeout in it; the
// report must find it as it does on the local demo (docs/incident.md).
#include "fixture.hpp"

#include <tinkr/incident.hpp>
#include <tinkr/sdk/rfc3339.hpp>

#include <algorithm>
#include <ctime>

namespace tinkr::azure_e2e {
namespace {

constexpr int64_t kMinute = 60'000'000'000;

std::string rfc3339(int64_t ns) {
  const std::time_t seconds = static_cast<std::time_t>(ns / 1'000'000'000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[40];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &tm);
  char millis[8];
  std::snprintf(millis, sizeof millis, ".%03dZ", static_cast<int>(ns / 1'000'000 % 1000));
  return std::string(text) + millis;
}

using AzureIncident = AzureEndToEnd;

TEST_F(AzureIncident, TheReportFindsTheDatabaseTimeoutInAppTracesAndAppRequests) {
  const int64_t now = now_ns();
  const int64_t incident_start = now - 25 * kMinute, incident_end = now - 13 * kMinute;
  auto in_incident = [&](int64_t t) { return t >= incident_start && t < incident_end; };

  struct TraceRow {
    int64_t t;
    std::string message;
    int level;
    std::string operation;
  };
  std::vector<TraceRow> traces;
  std::vector<std::vector<std::string>> requests;
  for (int64_t t = now - 115 * kMinute; t < now; t += kMinute / 10) {  // ten requests a minute, two hours
    const int64_t i = (t - now) / (kMinute / 10);
    const bool fails = in_incident(t) && i % 5 < 2;
    const std::string id = "op-" + std::to_string(-i);
    requests.push_back({js(id), js("POST /payments"), fails ? "2031.5" : std::to_string(18 + (i % 7)) + ".25",
                        fails ? "false" : "true", js(fails ? "503" : "200"), js(rfc3339(t))});
    if (fails)
      traces.push_back(
          {t + 2000 * 1'000'000,
           "database timeout: orders-db did not answer within 20" + std::to_string(10 + (-i) % 20) + "ms", 3,
           id});
    if (i % 50 == 0)
      traces.push_back({t, "card declined for order ord-" + std::to_string(100000 - i), 2, id});
  }
  // Log Analytics' side of the AppTraces queries: the rows in the KQL's time range (and of the one
  // operation it names, if it names one), or those rows counted per message and level when it
  // summarizes.
  auto between = [](std::string_view kql) {
    const auto at = kql.find("between (datetime(");
    const auto from_end = kql.find(')', at + 18);
    const auto to_at = kql.find("datetime(", from_end) + 9;
    return std::pair{sdk::rfc3339::parse(kql.substr(at + 18, from_end - at - 18)).unix_ns,
                     sdk::rfc3339::parse(kql.substr(to_at, kql.find(')', to_at) - to_at)).unix_ns};
  };
  int grouped_queries = 0;
  auto app_traces = [&](std::string_view kql) {
    const auto [from, to] = between(kql);
    std::string operation;
    if (const auto at = kql.find("OperationId == \""); at != std::string_view::npos)
      operation = std::string(kql.substr(at + 16, kql.find('"', at + 16) - at - 16));
    std::vector<const TraceRow*> selected;
    for (const auto& row : traces)
      if (row.t >= from && row.t <= to && (operation.empty() || row.operation == operation))
        selected.push_back(&row);
    if (kql.find("| summarize ") == std::string_view::npos) {
      std::vector<std::vector<std::string>> rows;
      for (const auto* r : selected)
        rows.push_back(
            {js(rfc3339(r->t)), js(r->message), std::to_string(r->level), js(r->operation), js("{}")});
      return log_analytics_answer({{"TimeGenerated", "datetime"},
                                   {"Message", "string"},
                                   {"SeverityLevel", "int"},
                                   {"OperationId", "string"},
                                   {"Properties", "dynamic"}},
                                  rows);
    }
    ++grouped_queries;
    struct Group {
      int64_t count = 0, first = 0, last = 0;
      std::string operation;
    };
    std::map<std::pair<std::string, int>, Group> groups;
    for (const auto* r : selected) {
      Group& g = groups[{r->message, r->level}];
      g.first = g.count == 0 ? r->t : std::min(g.first, r->t);
      g.last = std::max(g.last, r->t);
      ++g.count;
      g.operation = r->operation;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& [key, g] : groups)
      rows.push_back({js(key.first), std::to_string(key.second), std::to_string(g.count),
                      js(rfc3339(g.first)), js(rfc3339(g.last)), js(g.operation)});
    return log_analytics_answer({{"Message", "string"},
                                 {"SeverityLevel", "int"},
                                 {"Count", "long"},
                                 {"FirstSeen", "datetime"},
                                 {"LastSeen", "datetime"},
                                 {"TraceId", "string"}},
                                rows);
  };
  // The trace the fake returns whole: a failed request of the incident.
  std::string failing_id;
  for (int64_t t = now - 115 * kMinute; t < now && failing_id.empty(); t += kMinute / 10) {
    const int64_t i = (t - now) / (kMinute / 10);
    if (in_incident(t) && i % 5 < 2) failing_id = "op-" + std::to_string(-i);
  }
  ASSERT_FALSE(failing_id.empty());
  fake_.on_query([&](std::string_view kql) -> std::optional<FakeResponse> {
    if (kql.rfind("AppTraces", 0) == 0) return FakeResponse::json(200, app_traces(kql));
    if (kql.rfind("AppRequests ", 0) == 0)
      return FakeResponse::json(200, log_analytics_answer({{"OperationId", "string"},
                                                           {"Name", "string"},
                                                           {"DurationMs", "real"},
                                                           {"Success", "bool"},
                                                           {"ResultCode", "string"},
                                                           {"TimeGenerated", "datetime"}},
                                                          requests));
    if (kql.rfind("union AppRequests, AppDependencies, AppExceptions", 0) == 0) {
      const int64_t t = incident_start + 5 * kMinute;
      auto text_or_null = [](const std::string& v) { return v.empty() ? std::string("null") : js(v); };
      auto row = [&](int64_t at, const std::string& type, const std::string& id, const std::string& parent,
                     const std::string& name, const std::string& duration, const std::string& success,
                     const std::string& dependency_type, const std::string& exception,
                     const std::string& message) {
        return std::vector<std::string>{js(rfc3339(at)),
                                        js(type),
                                        js(id),
                                        js(parent),
                                        js(failing_id),
                                        text_or_null(name),
                                        duration.empty() ? "null" : duration,
                                        success.empty() ? "null" : success,
                                        js("503"),
                                        js("payments-api"),
                                        text_or_null(dependency_type),
                                        text_or_null(""),
                                        text_or_null(exception),
                                        text_or_null(message),
                                        js("{}")};
      };
      return FakeResponse::json(
          200,
          log_analytics_answer(
              {{"TimeGenerated", "datetime"},
               {"Type", "string"},
               {"Id", "string"},
               {"ParentId", "string"},
               {"OperationId", "string"},
               {"Name", "string"},
               {"DurationMs", "real"},
               {"Success", "bool"},
               {"ResultCode", "string"},
               {"AppRoleName", "string"},
               {"DependencyType", "string"},
               {"Target", "string"},
               {"ExceptionType", "string"},
               {"OuterMessage", "string"},
               {"Properties", "dynamic"}},
              {row(t, "AppRequests", "req-1", failing_id, "POST /payments", "2031.5", "false", "", "", ""),
               row(t + 10'000'000, "AppDependencies", "dep-1", "req-1", "SELECT orders", "2000", "false",
                   "SQL", "", ""),
               row(t + 2'010'000'000, "AppExceptions", "", "dep-1", "", "", "", "", "System.TimeoutException",
                   "orders-db did not answer within 2000ms")}));
    }
    return std::nullopt;
  });

  incident::ReportOptions options;
  options.service = "payments-api";
  options.since = "1h";
  auto report = incident::build_report(*engine_, options);
  ASSERT_TRUE(report) << report.error().to_string();
  const auto& r = *report;
  EXPECT_TRUE(r.baseline_has_data);
  ASSERT_FALSE(r.patterns.empty());
  EXPECT_EQ(r.patterns[0].pattern, "database timeout: orders-db did not answer within <*>ms");
  EXPECT_TRUE(r.patterns[0].is_new);
  // Counted in Log Analytics (one row per message, twenty messages), yet every timeout counts.
  EXPECT_EQ(grouped_queries, 2) << "the window and the baseline, each summarized by the service";
  const auto timeouts = std::count_if(traces.begin(), traces.end(), [&](const TraceRow& row) {
    return row.level == 3 && row.t >= r.window.from_ns && row.t <= r.window.to_ns;
  });
  EXPECT_EQ(r.patterns[0].count, timeouts);
  EXPECT_GT(timeouts, 20);
  for (const auto& p : r.patterns) {
    if (p.pattern == "card declined for order <*>") {
      EXPECT_FALSE(p.is_new) << "declined in the baseline too";
    }
  }
  ASSERT_FALSE(r.operations.empty());
  EXPECT_EQ(r.operations[0].name, "POST /payments");
  EXPECT_GT(r.operations[0].failed, 0);
  ASSERT_FALSE(r.operations[0].result_codes.empty());
  EXPECT_EQ(r.operations[0].result_codes[0].first, "503");
  const auto errors = std::find_if(r.shifts.begin(), r.shifts.end(),
                                   [](const incident::MetricShift& s) { return s.metric == "error_rate"; });
  ASSERT_NE(errors, r.shifts.end());
  EXPECT_TRUE(errors->shifted);
  EXPECT_TRUE(errors->reference_is_baseline);
  EXPECT_LE(std::llabs(errors->shift_start_ns - incident_start), r.bucket_ns);
  ASSERT_FALSE(r.examples.empty());
  const auto& path = r.examples[0].critical_path;
  EXPECT_TRUE(std::any_of(path.begin(), path.end(),
                          [](const incident::PathStep& s) { return s.name == "SELECT orders"; }));
  EXPECT_TRUE(std::any_of(
      r.examples[0].exceptions.begin(), r.examples[0].exceptions.end(),
      [](const std::string& e) { return e.find("did not answer within 2000ms") != std::string::npos; }));
  // The queries, as --explain shows them: KQL over the three tables, the patterns' counted by Kusto.
  ASSERT_GE(r.queries.size(), 6u);
  EXPECT_EQ(r.queries[0].native.rfind("AppRequests", 0), 0u) << r.queries[0].native;
  EXPECT_NE(r.queries[1].native.find("Success == false or DurationMs > 1000"), std::string::npos)
      << r.queries[1].native;
  for (std::size_t i : {2, 3}) {
    EXPECT_EQ(r.queries[i].signal, "log_groups");
    EXPECT_EQ(r.queries[i].native.rfind("AppTraces", 0), 0u) << r.queries[i].native;
    EXPECT_NE(r.queries[i].native.find("| summarize Count = sum(ItemCount), FirstSeen = min(TimeGenerated)"),
              std::string::npos)
        << r.queries[i].native;
  }
  expect_tokens_only_where_they_belong();
}

}  // namespace
}  // namespace tinkr::azure_e2e
