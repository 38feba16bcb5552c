// One trace, detail on request: its topology (span tree and service calls), its critical path,
// details of at most 20 spans, and its errors with exception messages.
#include "mcp/tools/common.hpp"
#include "mcp/tools/tool_factories.hpp"
#include "mcp/tools/trace_tree.hpp"

#include "common/record_json.hpp"

#include <tinkr/critical_path.hpp>

#include <algorithm>
#include <map>
#include <set>

namespace tinkr::mcp {
namespace {

constexpr std::size_t kMaxSpanDetails = 20;

std::string span_line(const Span& span, int depth, int64_t trace_start) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  write_string_member(w, "span_id", span.span_id);
  if (!span.parent_span_id.empty()) write_string_member(w, "parent_span_id", span.parent_span_id);
  write_key(w, "depth");
  w.Int(depth);
  write_string_member(w, "service", span.service);
  write_string_member(w, "name", span.name);
  if (!span.kind.empty()) write_string_member(w, "kind", span.kind);
  write_number_member(w, "offset_ms", to_ms(span.start_ns - trace_start));
  write_number_member(w, "duration_ms", to_ms(span.duration_ns));
  write_string_member(w, "status", to_string(span.status));
  if (!span.status_code.empty()) write_string_member(w, "status_code", span.status_code);
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

ToolOutcome topology(const rapidjson::Value& value, ToolContext& context) {
  auto args = Arguments::read(value, {"trace_id", "from", "to"});
  if (!args) return error_outcome(args.error());
  auto spans = fetch_trace(context, *args);
  if (!spans) return error_outcome(spans.error());
  const TraceTree tree(*spans);
  struct ServiceStats {
    int64_t spans = 0, errors = 0;
  };
  std::map<std::string, ServiceStats> services;
  std::map<std::pair<std::string, std::string>, ServiceStats> calls;
  for (const auto& span : *spans) {
    auto& s = services[span.service];
    ++s.spans;
    s.errors += span.status == SpanStatus::error;
    const Span* parent = tree.parent(span);
    if (parent != nullptr && parent->service != span.service) {
      auto& c = calls[{parent->service, span.service}];
      ++c.spans;
      c.errors += span.status == SpanStatus::error;
    }
  }
  Page page;
  page.items_key = "spans";
  for (const auto& [index, depth] : tree.depth_first())
    page.items.push_back(span_line((*spans)[index], depth, tree.start_ns()));
  page.matched = static_cast<int64_t>(spans->size());
  page.narrow_hint = "get_span_details for chosen spans, or get_critical_path for what the trace waited on";
  page.extra = [&](JsonWriter& w) {
    write_string_member(w, "trace_id", (*spans)[0].trace_id);
    write_number_member(w, "duration_ms", to_ms(tree.end_ns() - tree.start_ns()));
    write_key(w, "services");
    w.StartArray();
    for (const auto& [name, s] : services) {
      w.StartObject();
      write_string_member(w, "service", name);
      write_int_member(w, "spans", s.spans);
      write_int_member(w, "errors", s.errors);
      w.EndObject();
    }
    w.EndArray();
    write_key(w, "calls");
    w.StartArray();
    for (const auto& [edge, c] : calls) {
      w.StartObject();
      write_string_member(w, "from_service", edge.first);
      write_string_member(w, "to_service", edge.second);
      write_int_member(w, "count", c.spans);
      write_int_member(w, "errors", c.errors);
      w.EndObject();
    }
    w.EndArray();
  };
  return page_outcome(page, context.limits.max_result_bytes);
}

ToolOutcome critical(const rapidjson::Value& value, ToolContext& context) {
  auto args = Arguments::read(value, {"trace_id", "from", "to"});
  if (!args) return error_outcome(args.error());
  auto spans = fetch_trace(context, *args);
  if (!spans) return error_outcome(spans.error());
  const auto path = analysis::critical_path(*spans);
  const TraceTree tree(*spans);
  std::map<std::string, int64_t> by_service;
  int64_t total = 0;
  Page page;
  page.items_key = "path";
  for (const auto& section : path) {
    const Span& span = (*spans)[section.span_index];
    const int64_t length = section.end_ns - section.start_ns;
    by_service[span.service] += length;
    total += length;
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    write_string_member(w, "span_id", span.span_id);
    write_string_member(w, "service", span.service);
    write_string_member(w, "name", span.name);
    write_number_member(w, "start_offset_ms", to_ms(section.start_ns - tree.start_ns()));
    write_number_member(w, "duration_ms", to_ms(length));
    write_string_member(w, "status", to_string(span.status));
    w.EndObject();
    page.items.emplace_back(buffer.GetString(), buffer.GetSize());
  }
  page.matched = static_cast<int64_t>(page.items.size());
  page.extra = [&](JsonWriter& w) {
    write_string_member(w, "trace_id", (*spans)[0].trace_id);
    write_number_member(w, "total_ms", to_ms(total));
    write_key(w, "by_service");
    w.StartArray();
    std::vector<std::pair<std::string, int64_t>> ranked(by_service.begin(), by_service.end());
    std::stable_sort(ranked.begin(), ranked.end(), [](auto& a, auto& b) { return a.second > b.second; });
    for (const auto& [service, ns] : ranked) {
      w.StartObject();
      write_string_member(w, "service", service);
      write_number_member(w, "ms", to_ms(ns));
      write_number_member(w, "share", total > 0 ? static_cast<double>(ns) / static_cast<double>(total) : 0.0);
      w.EndObject();
    }
    w.EndArray();
  };
  return page_outcome(page, context.limits.max_result_bytes);
}

ToolOutcome details(const rapidjson::Value& value, ToolContext& context) {
  auto args = Arguments::read(value, {"trace_id", "span_ids", "from", "to"});
  if (!args) return error_outcome(args.error());
  auto ids = args->strings("span_ids", true, kMaxSpanDetails);
  if (!ids)
    return error_outcome(ids.error(),
                         "ask for at most 20 span ids a call (get_trace_topology lists them); "
                         "call again for the others");
  auto spans = fetch_trace(context, *args);
  if (!spans) return error_outcome(spans.error());
  std::set<std::string> wanted(ids->begin(), ids->end());
  std::set<std::string> found;
  Page page;
  page.items_key = "spans";
  for (const auto& span : *spans) {
    if (!wanted.contains(span.span_id)) continue;
    found.insert(span.span_id);
    page.items.push_back(host::record_to_json(Record(span)));
  }
  page.matched = static_cast<int64_t>(page.items.size());
  page.narrow_hint = "ask for fewer span ids";
  page.extra = [&](JsonWriter& w) {
    write_key(w, "missing");
    w.StartArray();
    for (const auto& id : *ids)
      if (!found.contains(id)) write_string(w, id);
    w.EndArray();
  };
  return page_outcome(page, context.limits.max_result_bytes);
}

ToolOutcome errors(const rapidjson::Value& value, ToolContext& context) {
  auto args = Arguments::read(value, {"trace_id", "from", "to"});
  if (!args) return error_outcome(args.error());
  auto spans = fetch_trace(context, *args);
  if (!spans) return error_outcome(spans.error());
  const TraceTree tree(*spans);
  Page page;
  page.items_key = "errors";
  for (const auto& span : *spans) {
    auto exceptions = exception_events(span);
    if (span.status != SpanStatus::error && exceptions.empty()) continue;
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    write_string_member(w, "span_id", span.span_id);
    write_string_member(w, "service", span.service);
    write_string_member(w, "name", span.name);
    write_string_member(w, "status", to_string(span.status));
    if (!span.status_code.empty()) write_string_member(w, "status_code", span.status_code);
    write_number_member(w, "offset_ms", to_ms(span.start_ns - tree.start_ns()));
    write_number_member(w, "duration_ms", to_ms(span.duration_ns));
    write_key(w, "exceptions");
    w.StartArray();
    for (const auto& e : exceptions) {
      w.StartObject();
      write_string_member(w, "type", e.type);
      write_string_member(w, "message", e.message);
      w.EndObject();
    }
    w.EndArray();
    write_key(w, "path_from_root");
    w.StartArray();
    for (const Span* s : tree.path_from_root(span)) write_string(w, s->service + ": " + s->name);
    w.EndArray();
    w.EndObject();
    page.items.emplace_back(buffer.GetString(), buffer.GetSize());
  }
  page.matched = static_cast<int64_t>(page.items.size());
  page.narrow_hint = "get_span_details for the spans named here";
  page.extra = [&](JsonWriter& w) {
    write_string_member(w, "trace_id", (*spans)[0].trace_id);
    write_int_member(w, "span_count", static_cast<int64_t>(spans->size()));
  };
  return page_outcome(page, context.limits.max_result_bytes);
}

constexpr std::string_view kTraceRequired = R"("trace_id")";

}  // namespace

Tool get_trace_topology_tool() {
  const std::string span =
      R"({"type":"object","properties":{"span_id":{"type":"string"},"parent_span_id":{"type":"string"},)"
      R"("depth":{"type":"integer"},"service":{"type":"string"},"name":{"type":"string"},"kind":{"type":"string"},)"
      R"("offset_ms":{"type":"number"},"duration_ms":{"type":"number"},"status":{"type":"string"},)"
      R"("status_code":{"type":"string"}},"required":["span_id","depth","service","name","duration_ms","status"]})";
  const std::string extra =
      R"("trace_id":{"type":"string"},"duration_ms":{"type":"number"},)"
      R"("services":{"type":"array","items":{"type":"object","properties":{"service":{"type":"string"},)"
      R"("spans":{"type":"integer"},"errors":{"type":"integer"}}}},)"
      R"("calls":{"type":"array","items":{"type":"object","properties":{"from_service":{"type":"string"},)"
      R"("to_service":{"type":"string"},"count":{"type":"integer"},"errors":{"type":"integer"}}}})";
  return Tool{
      "get_trace_topology",
      "Trace topology",
      "The span tree of one trace (depth-first, without attributes), the services in it and the calls "
      "between them, with error counts.",
      object_schema(trace_properties(), kTraceRequired),
      page_schema("spans", span, extra),
      &topology};
}

Tool get_critical_path_tool() {
  const std::string section =
      R"({"type":"object","properties":{"span_id":{"type":"string"},"service":{"type":"string"},)"
      R"("name":{"type":"string"},"start_offset_ms":{"type":"number"},"duration_ms":{"type":"number"},)"
      R"("status":{"type":"string"}},"required":["span_id","service","name","start_offset_ms","duration_ms"]})";
  const std::string extra =
      R"("trace_id":{"type":"string"},"total_ms":{"type":"number"},)"
      R"("by_service":{"type":"array","items":{"type":"object","properties":{"service":{"type":"string"},)"
      R"("ms":{"type":"number"},"share":{"type":"number"}}}})";
  return Tool{
      "get_critical_path",
      "Critical path",
      "What the trace waited on (Jaeger's critical path): the span sections in time order, and the time "
      "on the path per service.",
      object_schema(trace_properties(), kTraceRequired),
      page_schema("path", section, extra),
      &critical};
}

Tool get_span_details_tool() {
  const std::string properties =
      trace_properties() +
      R"(,"span_ids":{"type":"array","items":{"type":"string"},"minItems":1,"maxItems":20,)"
      R"("description":"at most 20 span ids, from get_trace_topology"})";
  const std::string span =
      R"({"type":"object","properties":{"type":{"const":"span"},"trace_id":{"type":"string"},"span_id":{"type":"string"},)"
      R"("parent_span_id":{"type":"string"},"service":{"type":"string"},"name":{"type":"string"},)"
      R"("kind":{"type":"string"},"start":{"type":"string"},"start_ns":{"type":"integer"},)"
      R"("duration_ns":{"type":"integer"},"status":{"type":"string"},"status_code":{"type":"string"},)"
      R"("attributes":{"type":"object"},"events":{"type":"array"}},"required":["span_id","service","name"]})";
  return Tool{"get_span_details",
              "Span details",
              "Everything about at most 20 spans of a trace: attributes, events, status.",
              object_schema(properties, R"("trace_id","span_ids")"),
              page_schema("spans", span, R"("missing":{"type":"array","items":{"type":"string"}})"),
              &details};
}

Tool get_trace_errors_tool() {
  const std::string error =
      R"({"type":"object","properties":{"span_id":{"type":"string"},"service":{"type":"string"},)"
      R"("name":{"type":"string"},"status":{"type":"string"},"status_code":{"type":"string"},)"
      R"("offset_ms":{"type":"number"},"duration_ms":{"type":"number"},)"
      R"("exceptions":{"type":"array","items":{"type":"object","properties":{"type":{"type":"string"},)"
      R"("message":{"type":"string"}}}},"path_from_root":{"type":"array","items":{"type":"string"}}},)"
      R"("required":["span_id","service","name","exceptions"]})";
  return Tool{
      "get_trace_errors",
      "Trace errors",
      "The failed spans of one trace with their exception types and messages and the path from the root.",
      object_schema(trace_properties(), kTraceRequired),
      page_schema("errors", error, R"("trace_id":{"type":"string"},"span_count":{"type":"integer"})"),
      &errors};
}

}  // namespace tinkr::mcp
