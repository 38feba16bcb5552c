// The shared query cases; see plan_cases.hpp.
#include "plan_cases.hpp"

#include "kql/tables.hpp"

namespace tinkr::azure::testing {

namespace {

using ir::Filter;
using ir::Op;

ir::Query logs(std::string resource_type, Filter filter, std::string service = "payments-api") {
  ir::Query q;
  q.signal = ir::Signal::logs;
  q.service = std::move(service);
  q.resource_type = std::move(resource_type);
  q.time = {kNow - kHour, kNow};
  q.limit = 100;
  q.filter = std::move(filter);
  return q;
}

Filter pred(std::string field, Op op, std::vector<ir::Value> values) {
  return Filter::make_predicate(std::move(field), op, std::move(values));
}

// Percentiles of the requests' latency, which lower to AppRequests in Log Analytics.
ir::Query request_percentiles(std::string service) {
  ir::Query q;
  q.signal = ir::Signal::metrics;
  q.service = std::move(service);
  q.time = {kNow - kHour, kNow};
  q.metrics.names = {"responseTime"};
  for (const char* name : {"p50", "p95", "p99.9", "avg", "max", "count"})
    q.metrics.aggregations.push_back(*ir::aggregation_from_string(name));
  q.metrics.interval_ns = 5 * 60'000'000'000LL;
  return q;
}

}  // namespace

QueryContext test_context() {
  QueryContext c;
  c.workspace_id = "63613592-b6f7-4c3d-a390-22ba13102111";
  c.subscription_id = "00000000-0000-0000-0000-000000000001";
  c.resource_group = "rg-shop";
  c.endpoints = {"https://api.loganalytics.io", "https://management.azure.com",
                 "https://login.microsoftonline.com", "http://169.254.169.254"};
  c.now_ns = kNow;
  c.server_timeout_seconds = 180;
  return c;
}

ir::Query page_log_query() {
  return logs("", pred("severity", Op::ge, {int64_t{ir::kSeverityWarn}}));
}

std::vector<PlanCase> kql_cases() {
  std::vector<PlanCase> out;
  out.push_back({"logs_page_example", page_log_query()});
  for (const char* type : {"app_insights", "app_exceptions", "aks", "app_service", "functions", "syslog"}) {
    out.push_back({std::string("logs_") + type + "_severity_ge_warn",
                   logs(type, pred("severity", Op::ge, {int64_t{ir::kSeverityWarn}}))});
    out.push_back({std::string("logs_") + type + "_severity_eq_error",
                   logs(type, pred("severity", Op::eq, {int64_t{ir::kSeverityError}}))});
    out.push_back({std::string("logs_") + type + "_severity_ne_info",
                   logs(type, pred("severity", Op::ne, {int64_t{ir::kSeverityInfo}}))});
    out.push_back({std::string("logs_") + type + "_severity_le_info_no_service",
                   logs(type, pred("severity", Op::le, {int64_t{ir::kSeverityInfo}}), "")});
  }
  for (const char* type : {"container_apps", "container_apps_classic"}) {
    out.push_back({std::string("logs_") + type + "_text", logs(type, Filter::make_text("timeout"))});
    out.push_back({std::string("logs_") + type + "_no_service", logs(type, Filter::all(), "")});
  }
  out.push_back({"logs_op_eq", logs("", pred("body", Op::eq, {std::string("ready")}))});
  out.push_back({"logs_op_ne", logs("", pred("body", Op::ne, {std::string("ready")}))});
  out.push_back({"logs_op_lt_time", logs("", pred("time", Op::lt, {kNow - kHour / 2}))});
  out.push_back({"logs_op_le_time", logs("", pred("time", Op::le, {kNow - kHour / 2}))});
  out.push_back({"logs_op_gt_time", logs("", pred("time", Op::gt, {kNow - kHour / 2}))});
  out.push_back({"logs_op_ge_time", logs("", pred("time", Op::ge, {kNow - kHour / 2}))});
  out.push_back({"logs_op_in", logs("", pred("service", Op::in, {std::string("a"), std::string("b")}), "")});
  out.push_back({"logs_op_contains", logs("", pred("body", Op::contains, {std::string("timeout")}))});
  out.push_back({"logs_op_startswith", logs("", pred("body", Op::startswith, {std::string("GET /")}))});
  out.push_back({"logs_op_matches", logs("", pred("body", Op::matches, {std::string("^user [0-9]+$")}))});
  out.push_back({"logs_op_exists", logs("", pred("trace_id", Op::exists, {}))});
  out.push_back({"logs_text_search", logs("", Filter::make_text("connection refused"))});
  out.push_back(
      {"logs_attribute_string", logs("", pred("attributes.http.method", Op::eq, {std::string("POST")}))});
  out.push_back({"logs_attribute_long", logs("", pred("attributes.retries", Op::gt, {int64_t{3}}))});
  out.push_back({"logs_attribute_real", logs("", pred("attributes.ratio", Op::le, {0.25}))});
  out.push_back({"logs_attribute_bool", logs("", pred("attributes.cached", Op::eq, {true}))});
  out.push_back({"logs_attribute_exists", logs("", pred("attributes.tenant", Op::exists, {}))});
  out.push_back({"logs_attribute_of_columns",
                 logs("aks", pred("attributes.PodNamespace", Op::eq, {std::string("prod")}))});
  out.push_back(
      {"logs_or_not", logs("", Filter::make_or({pred("body", Op::contains, {std::string("a")}),
                                                Filter::make_not(pred("trace_id", Op::exists, {}))}))});
  out.push_back({"logs_and_nested_or",
                 logs("", Filter::make_and({pred("severity", Op::ge, {int64_t{ir::kSeverityError}}),
                                            Filter::make_or({pred("body", Op::contains, {std::string("x")}),
                                                             pred("span_id", Op::eq,
                                                                  {std::string("00f067aa0ba902b7")})})}))});
  auto ascending = logs("", Filter::all());
  ascending.order = {"time", false};
  ascending.limit = 0;
  out.push_back({"logs_ascending_no_limit", ascending});
  // A poll of `tinkr tail`: rows stored since the previous poll, oldest first, never from the cache.
  auto tail_poll =
      logs("", Filter::make_predicate("ingestion_time", Op::ge, {int64_t{kNow - 35'000'000'000}}));
  tail_poll.order = {"time", false};
  tail_poll.limit = 5000;
  out.push_back({"logs_tail_poll_by_ingestion_time", tail_poll});
  // The incident report's error patterns: warning and worse counted per message in Log Analytics, for
  // every table (a level column or none, ItemCount or none, a message column or an expression).
  for (const auto& table : kql::all_tables()) {
    auto groups = logs(
        std::string(table.resource_type),
        table.severity.available() ? pred("severity", Op::ge, {int64_t{ir::kSeverityWarn}}) : Filter::all());
    groups.signal = ir::Signal::log_groups;
    groups.limit = 50'000;
    out.push_back({"log_groups_" + std::string(table.resource_type), groups});
  }

  ir::Query search;
  search.signal = ir::Signal::trace_search;
  search.service = "payments-api";
  search.time = {kNow - kHour, kNow};
  search.limit = 20;
  search.order = {"duration", true};
  search.filter = Filter::make_or(
      {pred("status", Op::eq, {std::string("error")}), pred("duration", Op::gt, {int64_t{500'000'000}})});
  out.push_back({"traces_search_page_example", search});
  // `tinkr traces payments-api --failed --slow 1s --since 1h --limit 20`: the page's own query.
  auto cli_search = search;
  cli_search.filter = Filter::make_or(
      {pred("status", Op::eq, {std::string("error")}), pred("duration", Op::gt, {int64_t{1'000'000'000}})});
  out.push_back({"traces_search_cli_failed_or_slow", cli_search});
  auto search2 = search;
  search2.service.clear();
  search2.order = {"time", true};
  search2.filter = Filter::make_and({pred("status_code", Op::in, {std::string("500"), std::string("503")}),
                                     pred("name", Op::startswith, {std::string("GET /orders")}),
                                     pred("duration", Op::ge, {int64_t{1'234'567}}),
                                     pred("status", Op::ne, {std::string("unset")}),
                                     pred("kind", Op::eq, {std::string("server")}),
                                     pred("attributes.region", Op::eq, {std::string("eu")})});
  out.push_back({"traces_search_fields", search2});

  ir::Query get;
  get.signal = ir::Signal::trace_get;
  get.trace_id = "4bf92f3577b34da6a3ce929d0e0e4736";
  get.time = {kNow - 24 * kHour, kNow};
  out.push_back({"traces_get", get});

  ir::Query native;
  native.signal = ir::Signal::native;
  native.native_text = "AppRequests | summarize count() by bin(TimeGenerated, 5m)";
  native.time = {kNow - kHour, kNow};
  out.push_back({"native", native});
  out.push_back({"metrics_request_percentiles", request_percentiles("payments-api")});
  return out;
}

std::vector<PlanCase> metrics_cases() {
  const std::string site =
      "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-shop/providers/Microsoft.Web/"
      "sites/shop-web";
  auto metrics = [&](std::string service, std::string hint, std::vector<std::string> names) {
    ir::Query q;
    q.signal = ir::Signal::metrics;
    q.service = std::move(service);
    q.resource_type = std::move(hint);
    q.time = {kNow - kHour, kNow};
    q.metrics.names = std::move(names);
    return q;
  };
  std::vector<PlanCase> out;
  out.push_back({"metrics_app_service_page_names",
                 metrics(site, "app_service", {"requests", "responseTime", "http5xx"})});
  auto with_filter = metrics(site, "app_service", {"Http5xx"});
  with_filter.metrics.aggregations = {ir::Aggregation::sum, ir::Aggregation::max};
  with_filter.metrics.interval_ns = 15 * 60'000'000'000LL;
  with_filter.metrics.dimension_filter =
      Filter::make_predicate("dimensions.Instance", Op::in, {std::string("lw0'1"), std::string("a (b)")});
  with_filter.metrics.top = 5;
  out.push_back({"metrics_filter_top", with_filter});
  auto grouped = metrics(site, "functions", {"FunctionExecutionCount", "FunctionExecutionUnits"});
  grouped.metrics.group_by = {"Instance"};
  grouped.time = {kNow - 7 * 24 * kHour, kNow};
  out.push_back({"metrics_functions_grouped_week", grouped});
  out.push_back(
      {"metrics_container_apps",
       metrics("/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-shop/providers/"
               "Microsoft.App/containerApps/shop-api",
               "", {"Requests", "ResponseTime"})});
  out.push_back(
      {"metrics_sql",
       metrics("/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-shop/providers/"
               "Microsoft.Sql/servers/shop-sql/databases/orders",
               "", {"dtu_consumption_percent", "connection_failed"})});
  return out;
}

std::vector<std::string> injection_values() {
  return {"a\"b",
          "back\\slash\\",
          "line1\nline2\r\n",
          "x | take 1",
          "// comment",
          "\"; .drop table AppTraces",
          "'single'",
          "naïve 日本語 😀",
          "tab\there",
          std::string("nul\0byte", 8),
          "\x01\x1f\x7f",
          "\\\"",
          "@\"verbatim\"",
          "```multi```"};
}

std::vector<PlanCase> injection_cases() {
  std::vector<PlanCase> out;
  const auto values = injection_values();
  for (std::size_t i = 0; i < values.size(); ++i) {
    const std::string& v = values[i];
    const std::string n = std::to_string(i);
    out.push_back({"inject_service_" + n, logs("", Filter::all(), v)});
    out.push_back({"inject_body_" + n, logs("", pred("body", Op::contains, {v}))});
    out.push_back({"inject_text_" + n, logs("syslog", Filter::make_text(v))});
    out.push_back(
        {"inject_attribute_key_" + n, logs("", pred("attributes." + v, Op::eq, {std::string("x")}))});
    out.push_back({"inject_attribute_value_" + n, logs("", pred("attributes.k", Op::eq, {v}))});
    out.push_back({"inject_column_attribute_key_" + n, logs("aks", pred("attributes." + v, Op::exists, {}))});
    out.push_back({"inject_regex_" + n, logs("", pred("body", Op::matches, {v}))});
    out.push_back({"inject_in_" + n, logs("functions", pred("service", Op::in, {v, std::string("ok")}))});
    ir::Query get;
    get.signal = ir::Signal::trace_get;
    get.trace_id = v;
    get.time = {kNow - kHour, kNow};
    out.push_back({"inject_trace_id_" + n, get});
    out.push_back({"inject_percentile_service_" + n, request_percentiles(v)});
  }
  return out;
}

}  // namespace tinkr::azure::testing
