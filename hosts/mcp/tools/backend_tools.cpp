// list_services and describe_backend: what there is to ask about, and what this backend can answer.
#include "mcp/tools/common.hpp"
#include "mcp/tools/tool_factories.hpp"

#include <map>

namespace tinkr::mcp {
namespace {

// The services seen among this many recent traces and log records: no backend call lists services.
constexpr int64_t kSample = 1000;

struct Seen {
  int64_t traces = 0, logs = 0;
};

Expected<int64_t> sample(ToolContext& context, ir::Signal signal, const std::string& from,
                         const std::string& to, std::map<std::string, Seen>& seen) {
  QuerySpec spec;
  spec.signal = signal;
  spec.from = from;
  spec.to = to;
  spec.limit = kSample;
  auto query = context.backend.build(spec);
  if (!query) return Unexpected(query.error());
  auto result = context.backend.collect(*query, context.run);
  if (!result) return Unexpected(result.error());
  for (const auto& record : result->records) {
    if (const auto* t = std::get_if<TraceSummary>(&record)) ++seen[t->service].traces;
    if (const auto* l = std::get_if<LogRecord>(&record)) ++seen[l->service].logs;
  }
  return static_cast<int64_t>(result->records.size());
}

ToolOutcome list_services(const rapidjson::Value& value, ToolContext& context) {
  auto args = Arguments::read(value, {"from", "to"});
  if (!args) return error_outcome(args.error());
  auto from = args->string("from");
  auto to = args->string("to");
  if (!from) return error_outcome(from.error());
  if (!to) return error_outcome(to.error());
  std::map<std::string, Seen> seen;
  std::vector<std::string> warnings;
  int64_t traces = 0, logs = 0;
  const auto& signals = context.capabilities.signals;
  if (signals.contains(ir::Signal::trace_search)) {
    auto n = sample(context, ir::Signal::trace_search, *from, *to, seen);
    if (!n) return error_outcome(n.error());
    traces = *n;
  }
  if (signals.contains(ir::Signal::logs)) {
    auto n = sample(context, ir::Signal::logs, *from, *to, seen);
    if (!n) return error_outcome(n.error());
    logs = *n;
  }
  seen.erase("");
  return object_outcome([&](JsonWriter& w) {
    write_key(w, "services");
    w.StartArray();
    for (const auto& [name, s] : seen) {
      w.StartObject();
      write_string_member(w, "service", name);
      write_int_member(w, "traces_seen", s.traces);
      write_int_member(w, "logs_seen", s.logs);
      w.EndObject();
    }
    w.EndArray();
    write_int_member(w, "returned", static_cast<int64_t>(seen.size()));
    write_int_member(w, "sampled_traces", traces);
    write_int_member(w, "sampled_logs", logs);
    write_bool_member(w, "truncated", traces >= kSample || logs >= kSample);
    write_string_member(w, "basis",
                        "the services of the most recent " + std::to_string(kSample) + " traces and " +
                            std::to_string(kSample) +
                            " log records in the window; a quiet service may be missing: widen from/to or "
                            "search_logs with its name");
  });
}

void write_names(JsonWriter& w, std::string_view key, const std::vector<std::string_view>& names) {
  write_key(w, key);
  w.StartArray();
  for (auto n : names) write_string(w, n);
  w.EndArray();
}

ToolOutcome describe_backend(const rapidjson::Value& value, ToolContext& context) {
  auto args = Arguments::read(value, {});
  if (!args) return error_outcome(args.error());
  const auto& info = context.backend.info();
  const auto& caps = context.capabilities;
  return object_outcome([&](JsonWriter& w) {
    write_string_member(w, "backend", info.name);
    write_string_member(w, "version", info.version);
    write_string_member(w, "profile", context.backend.profile());
    std::vector<std::string_view> signals, operators, exact;
    for (auto s : ir::kSignalNames)
      if (caps.signals.contains(*ir::signal_from_string(s))) signals.push_back(s);
    for (auto o : ir::kOpNames) {
      if (caps.operators.contains(*ir::op_from_string(o))) operators.push_back(o);
      if (caps.exact_operators.contains(*ir::op_from_string(o))) exact.push_back(o);
    }
    write_names(w, "signals", signals);
    write_string_member(w, "native_language", caps.native_language);
    write_names(w, "fields", std::vector<std::string_view>(std::begin(ir::kFields), std::end(ir::kFields)));
    write_key(w, "pushdown");
    w.StartObject();
    write_names(w, "operators", operators);
    write_names(w, "exact_operators", exact);
    write_bool_member(w, "text_search", caps.text_search);
    write_bool_member(w, "or", caps.boolean_or);
    write_bool_member(w, "not", caps.boolean_not);
    w.EndObject();
    std::vector<std::string_view> aggregations(std::begin(ir::kAggregationNames),
                                               std::end(ir::kAggregationNames));
    // Any pNN works where percentiles do; these are the usual ones.
    if (caps.metric_percentiles) aggregations.insert(aggregations.end(), {"p50", "p90", "p95", "p99"});
    write_names(w, "aggregations", aggregations);
    write_key(w, "capabilities");
    write_raw(w, info.capabilities_json);
    write_string_member(
        w, "notes",
        "fields not pushed down are evaluated by Tinkr on the returned records (explain shows the "
        "split); attributes.<key> reaches any attribute; run_native_query takes " +
            (caps.native_language.empty() ? std::string("no native language here") : caps.native_language));
  });
}

}  // namespace

Tool list_services_tool() {
  return Tool{
      "list_services",
      "List services",
      "The services that sent traces or logs in a time window (default: the last hour), with how many "
      "of the sampled traces and log records each sent.",
      object_schema(time_properties()),
      R"({"type":"object","properties":{"services":{"type":"array","items":{"type":"object","properties":)"
      R"({"service":{"type":"string"},"traces_seen":{"type":"integer"},"logs_seen":{"type":"integer"}},)"
      R"("required":["service"]}},"returned":{"type":"integer"},"sampled_traces":{"type":"integer"},)"
      R"("sampled_logs":{"type":"integer"},"truncated":{"type":"boolean"},"basis":{"type":"string"}},)"
      R"("required":["services","returned","truncated"]})",
      &list_services};
}

Tool describe_backend_tool() {
  return Tool{
      "describe_backend",
      "Describe the backend",
      "The backend behind this server: its signals, the fields and operators it pushes down, its native "
      "query language, and its raw capabilities.",
      object_schema(""),
      R"({"type":"object","properties":{"backend":{"type":"string"},"version":{"type":"string"},)"
      R"("profile":{"type":"string"},"signals":{"type":"array","items":{"type":"string"}},)"
      R"("native_language":{"type":"string"},"fields":{"type":"array","items":{"type":"string"}},)"
      R"("pushdown":{"type":"object"},"aggregations":{"type":"array","items":{"type":"string"}},)"
      R"("capabilities":{"type":"object"},"notes":{"type":"string"}},"required":["backend","signals"]})",
      &describe_backend};
}

}  // namespace tinkr::mcp
