// explain (the native query a search would send, and what Tinkr evaluates itself) and
// run_native_query (the backend's own language, read-only).
#include "mcp/tools/common.hpp"
#include "mcp/tools/native_guard.hpp"
#include "mcp/tools/tool_factories.hpp"

#include "common/cell_json.hpp"
#include "common/query_request.hpp"

namespace tinkr::mcp {
namespace {

ToolOutcome explain(const rapidjson::Value& value, ToolContext& context) {
  auto args = Arguments::read(value, {"signal", "service", "query", "from", "to", "trace_id", "metrics"});
  if (!args) return error_outcome(args.error());
  auto signal = args->string("signal", true);
  auto service = args->string("service");
  auto text = args->string("query");
  auto from = args->string("from");
  auto to = args->string("to");
  auto trace_id = args->string("trace_id");
  auto metrics = args->strings("metrics");
  for (const auto* e : {&signal, &service, &text, &from, &to, &trace_id})
    if (!*e) return error_outcome(e->error());
  if (!metrics) return error_outcome(metrics.error());
  QuerySpec spec;
  if (*signal == "logs") {
    spec.signal = ir::Signal::logs;
  } else if (*signal == "traces") {
    spec.signal = ir::Signal::trace_search;
  } else if (*signal == "trace") {
    spec.signal = ir::Signal::trace_get;
  } else if (*signal == "metrics") {
    spec.signal = ir::Signal::metrics;
  } else {
    return error_outcome(Error(Error::Code::invalid_query,
                               "argument 'signal': expected logs, traces, trace or "
                               "metrics, got '" +
                                   *signal + "'"));
  }
  spec.service = *service;
  spec.text = *text;
  spec.from = *from;
  spec.to = *to;
  spec.trace_id = *trace_id;
  spec.metrics.names = *metrics;
  auto query = context.backend.build(spec);
  if (!query) return error_outcome(query.error());
  auto explanation = context.backend.explain(*query);
  if (!explanation) return error_outcome(explanation.error());
  return object_outcome([&](JsonWriter& w) {
    write_string_member(w, "native_language", context.capabilities.native_language);
    write_string_member(w, "native", explanation->native);
    write_key(w, "ir");
    write_raw(w, explanation->ir_json);
    write_key(w, "pushed");
    write_raw(w, explanation->pushed_ir_json);
    write_bool_member(w, "evaluated_in_core", !explanation->residual_json.empty());
    if (!explanation->residual_json.empty()) {
      write_key(w, "residual");
      write_raw(w, explanation->residual_json);
    }
    write_key(w, "notes");
    w.StartArray();
    for (const auto& note : explanation->notes) write_string(w, note);
    w.EndArray();
  });
}

ToolOutcome run_native_query(const rapidjson::Value& value, ToolContext& context) {
  auto args = Arguments::read(value, {"query", "limit"});
  if (!args) return error_outcome(args.error());
  auto text = args->string("query", true);
  auto limit = args->integer("limit", 100, 1, context.limits.max_records);
  if (!text) return error_outcome(text.error());
  if (!limit) return error_outcome(limit.error());
  if (!context.caller.may_run_native)
    return error_outcome(
        Error(Error::Code::forbidden, "run_native_query needs the role " + context.caller.native_role_needed +
                                          "; '" + context.caller.subject + "' has " + context.caller.role),
        "use search_logs, search_traces or query_metrics, which a viewer may call");
  const std::string& language = context.capabilities.native_language;
  if (auto ok = check_read_only(language, *text); !ok)
    return error_outcome(ok.error(), "write a read-only query (KQL: a table and pipes; SQL: SELECT or WITH)");
  QuerySpec spec;
  spec.signal = ir::Signal::native;
  spec.text = *text;
  spec.limit = *limit;
  auto query = context.backend.build(spec);
  if (!query) return error_outcome(query.error());
  auto result = context.backend.collect(*query, context.run);
  if (!result) return error_outcome(result.error());
  Page page;
  page.items_key = "rows";
  std::vector<std::string> warnings = result->stats.warnings;
  const Table* first = result->tables.empty() ? nullptr : &result->tables.front();
  if (first != nullptr) {
    const std::size_t shown = std::min<std::size_t>(first->rows.size(), static_cast<std::size_t>(*limit));
    // Typed as every host types native cells: numbers as numbers, null as null (hosts/common/cell_json).
    const auto kinds = host::cell_kinds(first->columns);
    for (std::size_t i = 0; i < shown; ++i)
      page.items.push_back(host::row_to_json_array(kinds, first->rows[i]));
    page.matched = static_cast<int64_t>(first->rows.size());
    page.matched_is_lower_bound = first->rows.size() > shown || result->stats.truncated;
  }
  if (result->tables.size() > 1)
    warnings.push_back("the query returned " + std::to_string(result->tables.size()) +
                       " tables; only the first one's rows are here");
  page.warnings = std::move(warnings);
  page.narrow_hint = "narrow the query (a where clause, take/limit, fewer columns)";
  page.extra = [&](JsonWriter& w) {
    write_string_member(w, "language", language);
    write_string_member(w, "table", first != nullptr ? first->name : "");
    write_key(w, "columns");
    w.StartArray();
    if (first != nullptr)
      for (const auto& column : first->columns) {
        w.StartObject();
        write_string_member(w, "name", column.name);
        write_string_member(w, "type", column.type);
        w.EndObject();
      }
    w.EndArray();
  };
  return page_outcome(page, context.limits.max_result_bytes);
}

}  // namespace

Tool explain_tool() {
  const std::string properties =
      R"("signal":{"type":"string","enum":["logs","traces","trace","metrics"]},)"
      R"("service":{"type":"string"},"query":{"type":"string","description":"Tinkr's query language"},)"
      R"("trace_id":{"type":"string","description":"signal trace: the trace id"},)"
      R"("metrics":{"type":"array","items":{"type":"string"},"description":"signal metrics: the metric names"},)" +
      time_properties();
  return Tool{
      "explain",
      "Explain a query",
      "What a search would send to the backend, unsent: the native query (KQL, SQL, URL), the query as "
      "Tinkr's IR, the part pushed down and the part Tinkr evaluates on the returned records.",
      object_schema(properties, R"("signal")"),
      R"({"type":"object","properties":{"native_language":{"type":"string"},"native":{"type":"string"},)"
      R"("ir":{"type":"object"},"pushed":{"type":"object"},"evaluated_in_core":{"type":"boolean"},)"
      R"("residual":{"type":"object"},"notes":{"type":"array","items":{"type":"string"}}},)"
      R"("required":["native","ir","evaluated_in_core"]})",
      &explain};
}

Tool run_native_query_tool() {
  const std::string properties =
      R"("query":{"type":"string","description":"a read-only query in the backend's language (describe_backend: native_language): KQL without management commands, or one SQL SELECT/WITH"},)"
      R"("limit":{"type":"integer","minimum":1,"maximum":10000,"default":100,"description":"the most rows to return"})";
  const std::string row =
      R"({"type":"array","items":{"type":["string","number","boolean","null","object","array"]}})";
  const std::string extra =
      R"("language":{"type":"string"},"table":{"type":"string"},"columns":{"type":"array","items":{"type":"object",)"
      R"("properties":{"name":{"type":"string"},"type":{"type":"string"}}}})";
  return Tool{"run_native_query",
              "Run a native query",
              "Runs the backend's own query language, read-only (KQL on Azure, SQL on the local store). "
              "Management commands (.drop, .set, .ingest, ...) and SQL other than SELECT/WITH are refused.",
              object_schema(properties, R"("query")"),
              page_schema("rows", row, extra),
              &run_native_query};
}

}  // namespace tinkr::mcp
