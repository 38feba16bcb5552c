// Reads and writes query requests as JSON (see query_request.hpp).
#include "common/query_request.hpp"

#include "common/record_json.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <initializer_list>

namespace tinkr::host {
namespace {

using rapidjson::Value;

Unexpected invalid(std::string message) {
  return fail(Error::Code::invalid_query, std::move(message));
}

Expected<void> check_members(const Value& object, std::string_view where,
                             std::initializer_list<std::string_view> allowed) {
  for (auto it = object.MemberBegin(); it != object.MemberEnd(); ++it) {
    std::string_view name(it->name.GetString(), it->name.GetStringLength());
    bool known = false;
    for (auto a : allowed) known = known || a == name;
    if (!known) return invalid(std::string(where) + ": unknown member '" + std::string(name) + "'");
  }
  return {};
}

Expected<std::string> read_string(const Value& object, const char* key) {
  if (!object.HasMember(key)) return std::string();
  const auto& v = object[key];
  if (!v.IsString()) return invalid(std::string("request: '") + key + "' must be a string");
  return std::string(v.GetString(), v.GetStringLength());
}

Expected<std::vector<std::string>> read_strings(const Value& object, const char* key) {
  std::vector<std::string> items;
  if (!object.HasMember(key)) return items;
  const auto& v = object[key];
  if (!v.IsArray()) return invalid(std::string("request: '") + key + "' must be an array of strings");
  for (const auto& item : v.GetArray()) {
    if (!item.IsString()) return invalid(std::string("request: '") + key + "' must be an array of strings");
    items.emplace_back(item.GetString(), item.GetStringLength());
  }
  return items;
}

Expected<int64_t> read_int(const Value& object, const char* key) {
  if (!object.HasMember(key)) return 0;
  const auto& v = object[key];
  if (!v.IsInt64() || v.GetInt64() < 0)
    return invalid(std::string("request: '") + key + "' must be a whole number >= 0");
  return v.GetInt64();
}

Expected<bool> read_bool(const Value& object, const char* key) {
  if (!object.HasMember(key)) return false;
  if (!object[key].IsBool()) return invalid(std::string("request: '") + key + "' must be true or false");
  return object[key].GetBool();
}

Expected<void> read_metrics(const Value& object, ir::MetricsSpec& metrics) {
  if (!object.IsObject()) return invalid("request: 'metrics' must be an object");
  if (auto ok =
          check_members(object, "request.metrics", {"names", "aggregations", "interval", "group_by", "top"});
      !ok)
    return Unexpected(ok.error());
  auto names = read_strings(object, "names");
  auto aggregations = read_strings(object, "aggregations");
  auto interval = read_string(object, "interval");
  auto group_by = read_strings(object, "group_by");
  auto top = read_int(object, "top");
  for (auto* e : {names ? nullptr : &names.error(), aggregations ? nullptr : &aggregations.error(),
                  interval ? nullptr : &interval.error(), group_by ? nullptr : &group_by.error(),
                  top ? nullptr : &top.error()})
    if (e) return Unexpected(*e);
  metrics.names = *names;
  for (const auto& name : *aggregations) {
    auto aggregation = ir::aggregation_from_string(name);
    if (!aggregation) return invalid("request.metrics: " + ir::bad_aggregation_message(name));
    metrics.aggregations.push_back(*aggregation);
  }
  if (!interval->empty()) {
    auto ns = query::parse_duration(*interval);
    if (!ns) return Unexpected(ns.error().with_context("request.metrics.interval"));
    metrics.interval_ns = *ns;
  }
  metrics.group_by = *group_by;
  metrics.top = *top;
  return {};
}

Expected<void> read_order(const Value& object, QuerySpec& spec) {
  if (!object.IsObject()) return invalid("request: 'order' must be an object");
  if (auto ok = check_members(object, "request.order", {"field", "descending"}); !ok)
    return Unexpected(ok.error());
  ir::Order order;
  auto field = read_string(object, "field");
  if (!field) return Unexpected(field.error());
  if (!field->empty()) order.field = *field;
  if (object.HasMember("descending")) {
    auto descending = read_bool(object, "descending");
    if (!descending) return Unexpected(descending.error());
    order.descending = *descending;
  }
  spec.order = order;
  return {};
}

Expected<ir::Signal> read_signal(const Value& object, RouteSignal route) {
  if (route.fixed) return *route.fixed;
  if (object.HasMember("native")) return ir::Signal::native;
  auto name = read_string(object, "signal");
  if (!name) return Unexpected(name.error());
  if (name->empty()) return ir::Signal::logs;
  auto signal = ir::signal_from_string(*name);
  if (!signal)
    return invalid("request: unknown signal '" + *name +
                   "' (expected logs, metrics, trace_search, trace_get, native, schema)");
  return *signal;
}

// A request body: a JSON object, or invalid_query saying where it is not.
Expected<void> parse_object(std::string_view body, rapidjson::Document& document) {
  document.Parse(body.data(), body.size());
  if (document.HasParseError())
    return invalid("request body: invalid JSON at offset " + std::to_string(document.GetErrorOffset()) +
                   ": " + rapidjson::GetParseError_En(document.GetParseError()));
  if (!document.IsObject()) return invalid("request body: expected a JSON object");
  return {};
}

Expected<ir::Query> read_ir(const Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  auto query = ir::parse_json(std::string_view(buffer.GetString(), buffer.GetSize()));
  if (!query) return Unexpected(Error(Error::Code::invalid_query, "request.ir: " + query.error().message()));
  return query;
}

}  // namespace

Expected<std::string> fold_trace_filters(std::string text, std::string_view slow, bool failed) {
  std::vector<std::string> parts;
  if (!text.empty() && text != "*")
    parts.push_back(text.find(' ') == std::string::npos ? text : "(" + text + ")");
  std::string slow_clause;
  if (!slow.empty()) {
    auto ns = query::parse_duration(slow);
    if (!ns) return Unexpected(ns.error().with_context("--slow"));
    slow_clause = "duration>" + std::string(slow);
  }
  // Together the two shortcuts mean "failed or slow", as the product's Azure page asks for them:
  // a slow success and a quick failure are both worth a look.
  if (!slow_clause.empty() && failed)
    parts.push_back("(status:error OR " + slow_clause + ")");
  else if (!slow_clause.empty())
    parts.push_back(slow_clause);
  else if (failed)
    parts.emplace_back("status:error");
  std::string folded;
  for (const auto& part : parts) folded += (folded.empty() ? "" : " AND ") + part;
  return folded;
}

std::string request_to_json(const QuerySpec& spec, bool explain) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  write_string_member(w, "signal", ir::to_string(spec.signal));
  auto optional_member = [&w](std::string_view key, const std::string& value) {
    if (!value.empty()) write_string_member(w, key, value);
  };
  optional_member("service", spec.service);
  optional_member(spec.signal == ir::Signal::native ? "native" : "query", spec.text);
  optional_member("since", spec.since);
  optional_member("from", spec.from);
  optional_member("to", spec.to);
  optional_member("resource_type", spec.resource_type);
  optional_member("trace_id", spec.trace_id);
  if (spec.limit > 0) {
    w.Key("limit");
    w.Int64(spec.limit);
  }
  if (spec.order) {
    w.Key("order");
    w.StartObject();
    write_string_member(w, "field", spec.order->field);
    w.Key("descending");
    w.Bool(spec.order->descending);
    w.EndObject();
  }
  if (spec.signal == ir::Signal::metrics) {
    w.Key("metrics");
    w.StartObject();
    w.Key("names");
    w.StartArray();
    for (const auto& name : spec.metrics.names) w.String(name.c_str());
    w.EndArray();
    w.Key("aggregations");
    w.StartArray();
    for (auto aggregation : spec.metrics.aggregations) w.String(ir::to_string(aggregation).data());
    w.EndArray();
    if (spec.metrics.interval_ns > 0)
      write_string_member(w, "interval", std::to_string(spec.metrics.interval_ns / 1'000'000) + "ms");
    w.Key("group_by");
    w.StartArray();
    for (const auto& name : spec.metrics.group_by) w.String(name.c_str());
    w.EndArray();
    w.Key("top");
    w.Int64(spec.metrics.top);
    w.EndObject();
  }
  if (explain) {
    w.Key("explain");
    w.Bool(true);
  }
  if (spec.statistics) write_bool_member(w, "stats", true);
  if (spec.no_cache) write_bool_member(w, "no_cache", true);
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

Expected<QueryRequest> request_from_json(std::string_view body, RouteSignal route) {
  rapidjson::Document document;
  if (auto parsed = parse_object(body, document); !parsed) return Unexpected(parsed.error());
  if (auto ok = check_members(
          document, "request",
          {"signal", "service", "query", "native", "since", "from", "to", "limit", "resource_type", "order",
           "metrics", "slow", "failed", "trace_id", "explain", "ir", "stats", "no_cache"});
      !ok)
    return Unexpected(ok.error());

  QueryRequest request;
  auto explain = read_bool(document, "explain");
  if (!explain) return Unexpected(explain.error());
  request.explain = *explain;
  if (document.HasMember("ir")) {
    if (route.fixed) return invalid("request: 'ir' is accepted by /api/v1/query only");
    auto query = read_ir(document["ir"]);
    if (!query) return Unexpected(query.error());
    request.ir = std::move(*query);
    return request;
  }

  auto signal = read_signal(document, route);
  if (!signal) return Unexpected(signal.error());
  QuerySpec& spec = request.spec;
  spec.signal = *signal;
  std::string slow;
  bool failed = false;
  for (auto [key, target] : {std::pair{"service", &spec.service},
                             {"since", &spec.since},
                             {"from", &spec.from},
                             {"to", &spec.to},
                             {"resource_type", &spec.resource_type},
                             {"trace_id", &spec.trace_id},
                             {"slow", &slow}}) {
    auto value = read_string(document, key);
    if (!value) return Unexpected(value.error());
    *target = std::move(*value);
  }
  auto text = read_string(document, spec.signal == ir::Signal::native ? "native" : "query");
  auto limit = read_int(document, "limit");
  auto failed_flag = read_bool(document, "failed");
  auto statistics = read_bool(document, "stats");
  auto no_cache = read_bool(document, "no_cache");
  if (!statistics) return Unexpected(statistics.error());
  if (!no_cache) return Unexpected(no_cache.error());
  spec.statistics = *statistics;
  spec.no_cache = *no_cache;
  if (!text) return Unexpected(text.error());
  if (!limit) return Unexpected(limit.error());
  if (!failed_flag) return Unexpected(failed_flag.error());
  spec.text = std::move(*text);
  spec.limit = *limit;
  failed = *failed_flag;
  if (document.HasMember("order"))
    if (auto ok = read_order(document["order"], spec); !ok) return Unexpected(ok.error());
  if (document.HasMember("metrics"))
    if (auto ok = read_metrics(document["metrics"], spec.metrics); !ok) return Unexpected(ok.error());
  if (!slow.empty() || failed) {
    auto folded = fold_trace_filters(spec.text, slow, failed);
    if (!folded) return Unexpected(folded.error());
    spec.text = std::move(*folded);
  }
  if (spec.signal == ir::Signal::native && spec.text.empty())
    return invalid("request: 'native' query text is empty");
  return request;
}

}  // namespace tinkr::host

namespace tinkr::host {

std::string incident_request_to_json(const incident::ReportOptions& options) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  const std::pair<const char*, const std::string*> texts[] = {
      {"service", &options.service}, {"since", &options.since},       {"from", &options.from},
      {"to", &options.to},           {"baseline", &options.baseline}, {"slow", &options.slow}};
  for (const auto& [key, value] : texts) {
    if (value->empty()) continue;
    w.Key(key);
    w.String(value->data(), static_cast<rapidjson::SizeType>(value->size()));
  }
  w.Key("top");
  w.Uint64(options.top);
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

Expected<incident::ReportOptions> incident_request_from_json(std::string_view body) {
  rapidjson::Document document;
  if (auto parsed = parse_object(body, document); !parsed) return Unexpected(parsed.error());
  if (auto ok =
          check_members(document, "request", {"service", "since", "from", "to", "baseline", "slow", "top"});
      !ok)
    return Unexpected(ok.error());
  incident::ReportOptions options;
  std::string* texts[] = {&options.service, &options.since,    &options.from,
                          &options.to,      &options.baseline, &options.slow};
  const char* keys[] = {"service", "since", "from", "to", "baseline", "slow"};
  for (std::size_t i = 0; i < std::size(keys); ++i) {
    if (!document.HasMember(keys[i])) continue;
    auto text = read_string(document, keys[i]);
    if (!text) return Unexpected(text.error());
    *texts[i] = std::move(*text);
  }
  if (options.service.empty()) return invalid("request: 'service' is required");
  auto top = read_int(document, "top");
  if (!top) return Unexpected(top.error());
  if (*top > 1000) return invalid("request: 'top' must be at most 1000");
  if (*top > 0) options.top = static_cast<std::size_t>(*top);
  return options;
}

}  // namespace tinkr::host
