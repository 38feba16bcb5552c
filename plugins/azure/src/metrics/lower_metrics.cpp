// Metrics lowering; see lower_metrics.hpp.
#include "metrics/lower_metrics.hpp"

#include "common/url.hpp"
#include "kql/literal.hpp"

#include <tinkr/sdk/error.hpp>

#include <algorithm>

namespace tinkr::azure::metrics {

namespace {

constexpr int64_t kMinute = 60'000'000'000;
struct Grain {
  int64_t ns;
  std::string_view name;
};
constexpr Grain kGrains[] = {{kMinute, "PT1M"},        {5 * kMinute, "PT5M"},  {15 * kMinute, "PT15M"},
                             {30 * kMinute, "PT30M"},  {60 * kMinute, "PT1H"}, {360 * kMinute, "PT6H"},
                             {720 * kMinute, "PT12H"}, {1440 * kMinute, "P1D"}};
constexpr int64_t kMaxPoints = 300;

std::string known_grains() {
  std::string out;
  for (const auto& g : kGrains) out += (out.empty() ? "" : ", ") + std::string(g.name);
  return out;
}

void check_dimension_name(std::string_view name) {
  bool ok = !name.empty();
  for (char c : name)
    ok = ok && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
                c == '-' || c == '.' || c == ' ' || c == '/' || c == '(' || c == ')');
  if (!ok)
    throw sdk::Error(TINKR_INVALID_QUERY, "dimension name '" + std::string(name) +
                                              "' may hold only letters, digits, space and _ - . / ( )");
}

// OData string literal; round brackets as %28/%29 so that the URL carries %2528, as the Metrics API
// documents for brackets in dimension names and values.
void append_odata(std::string& out, std::string_view text) {
  out.push_back('\'');
  for (char c : text) {
    if (c == '\'')
      out += "''";
    else if (c == '(')
      out += "%28";
    else if (c == ')')
      out += "%29";
    else
      out.push_back(c);
  }
  out.push_back('\'');
}

void append_name(std::string& out, std::string_view name) {
  check_dimension_name(name);
  for (char c : name) {
    if (c == '(')
      out += "%28";
    else if (c == ')')
      out += "%29";
    else
      out.push_back(c);
  }
}

std::string_view dimension_of(const ir::Predicate& p) {
  if (!p.field.starts_with(ir::kDimensionsPrefix))
    throw sdk::Error(TINKR_INVALID_QUERY,
                     "metrics filters take dimensions.<name> fields, not '" + p.field + "'");
  return std::string_view(p.field).substr(ir::kDimensionsPrefix.size());
}

void append_equalities(std::string& out, const ir::Predicate& p) {
  if (p.op != ir::Op::eq && p.op != ir::Op::in)
    throw sdk::Error(TINKR_UNSUPPORTED, "metrics dimension filters support eq and in, not '" +
                                            std::string(ir::to_string(p.op)) + "'");
  const auto name = dimension_of(p);
  for (std::size_t i = 0; i < p.values.size(); ++i) {
    const auto* value = std::get_if<std::string>(&p.values[i]);
    if (!value)
      throw sdk::Error(TINKR_INVALID_QUERY, "dimension '" + std::string(name) + "' takes text values");
    if (!kql::is_valid_utf8(*value))
      throw sdk::Error(TINKR_INVALID_QUERY, "dimension value is not valid UTF-8");
    if (i) out += " or ";
    append_name(out, name);
    out += " eq ";
    append_odata(out, *value);
  }
}

void append_term(std::string& out, const ir::Filter& f) {
  using Kind = ir::Filter::Kind;
  if (f.kind == Kind::predicate) return append_equalities(out, f.predicate);
  if (f.kind == Kind::or_) {
    std::string_view first;
    for (std::size_t i = 0; i < f.children.size(); ++i) {
      const auto& c = f.children[i];
      if (c.kind != Kind::predicate) break;
      const auto name = dimension_of(c.predicate);
      if (i == 0) first = name;
      if (name != first) break;
      if (i) out += " or ";
      append_equalities(out, c.predicate);
      if (i + 1 == f.children.size()) return;
    }
  }
  throw sdk::Error(
      TINKR_UNSUPPORTED,
      "metrics dimension filters support an and of eq/in per dimension (or only within one dimension)");
}

// A resource id is a path: each segment encoded, the slashes kept.
void append_resource_path(std::string& url, std::string_view id) {
  std::size_t start = 0;
  while (start <= id.size()) {
    const auto slash = id.find('/', start);
    url += percent_encode(
        id.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    if (slash == std::string_view::npos) break;
    url.push_back('/');
    start = slash + 1;
  }
}

}  // namespace

void refuse_percentiles(const ir::MetricsSpec& spec) {
  const auto a = std::find_if(spec.aggregations.begin(), spec.aggregations.end(),
                              [](const ir::Aggregation& each) { return each.is_percentile(); });
  if (a == spec.aggregations.end() || spec.names.empty()) return;
  std::string metric = spec.names.front();
  for (const auto& name : spec.names)
    if (!is_request_duration(name)) {
      metric = name;
      break;
    }
  const std::string rank = ir::to_string(*a);
  throw sdk::Error(TINKR_UNSUPPORTED,
                   "Azure Monitor Metrics does not compute percentiles, so " + rank + " of '" + metric +
                       "' cannot be answered: ask for its avg, min or max, or for " + rank +
                       " of responseTime (the requests' latency), which Tinkr computes from Application "
                       "Insights' AppRequests table (DurationMs) in its own query");
}

std::string_view grain_name(int64_t interval_ns) {
  for (const auto& g : kGrains)
    if (g.ns == interval_ns) return g.name;
  return {};
}

int64_t choose_interval(int64_t range_ns) {
  for (const auto& g : kGrains)
    if (range_ns / g.ns <= kMaxPoints) return g.ns;
  return kGrains[std::size(kGrains) - 1].ns;
}

std::string dimension_filter(const ir::MetricsSpec& spec) {
  std::string out;
  const ir::Filter& f = spec.dimension_filter;
  if (f.kind == ir::Filter::Kind::and_) {
    for (const auto& c : f.children) {
      if (!out.empty()) out += " and ";
      append_term(out, c);
    }
  } else if (!f.is_all()) {
    append_term(out, f);
  }
  for (const auto& name : spec.group_by) {
    if (!out.empty()) out += " and ";
    append_name(out, name);
    out += " eq '*'";
  }
  return out;
}

RequestPlan metric_definitions_plan(const QueryContext& context, std::string_view resource_id) {
  RequestPlan plan;
  plan.audience = Audience::arm;
  plan.url = context.endpoints.arm;
  append_resource_path(plan.url, resource_id);
  plan.url += "/providers/microsoft.insights/metricDefinitions?api-version=";
  plan.url += kMetricsApiVersion;
  return plan;
}

MetricsPlan lower_metrics(const ir::Query& query, const QueryContext& context, std::string_view resource_id,
                          ResourceKind kind) {
  const ir::MetricsSpec& spec = query.metrics;
  if (spec.names.empty()) throw sdk::Error(TINKR_INVALID_QUERY, "metrics query names no metric");
  if (spec.names.size() > 20)
    throw sdk::Error(TINKR_INVALID_QUERY, "metrics query names " + std::to_string(spec.names.size()) +
                                              " metrics; Azure takes at most 20 per request");
  if (query.time.from_ns >= query.time.to_ns)
    throw sdk::Error(TINKR_INVALID_QUERY, "metrics query needs a time range whose start is before its end");
  refuse_percentiles(spec);
  MetricsPlan plan;
  std::vector<ir::Aggregation> sent = spec.aggregations;
  for (const auto& name : spec.names) {
    if (name.empty() || name.find(',') != std::string::npos)
      throw sdk::Error(TINKR_INVALID_QUERY, "metric name '" + name + "' is empty or holds a comma");
    RequestedMetric m{name, map_metric(kind, name), spec.aggregations};
    if (m.aggregations.empty() && m.mapped.aggregation) m.aggregations.push_back(*m.mapped.aggregation);
    for (auto a : m.aggregations)
      if (std::find(sent.begin(), sent.end(), a) == sent.end()) sent.push_back(a);
    plan.metrics.push_back(std::move(m));
  }
  plan.interval_ns =
      spec.interval_ns ? spec.interval_ns : choose_interval(query.time.to_ns - query.time.from_ns);
  const std::string_view grain = grain_name(plan.interval_ns);
  if (grain.empty())
    throw sdk::Error(TINKR_INVALID_QUERY, "interval of " + std::to_string(plan.interval_ns / 1'000'000'000) +
                                              " s is not one of Azure's grains: " + known_grains());

  std::string& url = plan.request.url;
  url = context.endpoints.arm;
  append_resource_path(url, resource_id);
  url += "/providers/microsoft.insights/metrics?api-version=";
  url += kMetricsApiVersion;
  url += "&metricnames=";
  for (std::size_t i = 0; i < plan.metrics.size(); ++i) {
    if (i) url.push_back(',');
    url += percent_encode(plan.metrics[i].mapped.native);
  }
  url += "&timespan=";
  url +=
      percent_encode(kql::format_iso8601(query.time.from_ns) + "/" + kql::format_iso8601(query.time.to_ns));
  url += "&interval=";
  url += grain;
  if (!sent.empty()) {
    url += "&aggregation=";
    for (std::size_t i = 0; i < sent.size(); ++i) {
      if (i) url.push_back(',');
      url += azure_aggregation(sent[i]);
    }
  }
  if (const std::string filter = dimension_filter(spec); !filter.empty()) {
    url += "&$filter=";
    url += percent_encode(filter);
  }
  if (spec.top < 0) throw sdk::Error(TINKR_INVALID_QUERY, "top must not be negative");
  if (spec.top > 0) {
    url += "&top=" + std::to_string(spec.top);
    if (!sent.empty()) {
      url += "&orderby=";
      url += percent_encode(std::string(azure_aggregation(sent.front())) + " desc");
    }
  }
  plan.request.method = "GET";
  plan.request.audience = Audience::arm;
  plan.request.headers = {{"Accept", "application/json"}};
  return plan;
}

}  // namespace tinkr::azure::metrics
